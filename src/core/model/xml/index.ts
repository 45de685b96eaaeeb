export { readModelXml, readModelIR, type ReadModelOptions } from './reader';
export { decodeModelBytes, DEFAULT_MAX_FILE_SIZE_MB, type DecodedModel } from './decode';
export { XmlModelEditor, escapeXmlAttr } from './editor';
