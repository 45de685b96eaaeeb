/** Hand-made `contents` files for the rule tests, in Xcode's own layout (4-space indent, YES flags). */
export function modelXml(body: string, opts: { cloudKit?: boolean } = {}): string {
  const flag = opts.cloudKit === false ? '' : ' usedWithCloudKit="YES"';
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + `<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0" lastSavedToolsVersion="22758" systemVersion="23F79" minimumToolsVersion="Automatic" sourceLanguage="Swift"${flag} userDefinedModelVersionIdentifier="">\n`
    + body.replace(/^\n+|\s+$/g, '') + '\n</model>';
}

export function entityXml(name: string, children: string, extra = ''): string {
  return `    <entity name="${name}" representedClassName="${name}"${extra} syncable="YES" codeGenerationType="class">\n${children.replace(/^\n+|\s+$/g, '')}\n    </entity>`;
}

/** A List ⇄ Item pair with a clean one-to-many relationship, to start the relationship cases from. */
export const listEntity = entityXml('List', `
        <attribute name="title" optional="YES" attributeType="String"/>
        <relationship name="items" optional="YES" toMany="YES" deletionRule="Cascade" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>`);

export function itemWith(relationship: string, attrs = '        <attribute name="name" optional="YES" attributeType="String"/>'): string {
  return entityXml('Item', `${attrs}\n        ${relationship}`);
}

export const cleanItemList = modelXml(`${listEntity}\n${itemWith('<relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>')}`);

/** An entity with `n` Integer 64 attributes named with `prefix`. */
export function wideEntity(name: string, n: number, extra = '', prefix = 'f'): string {
  const attrs: string[] = [];
  for (let i = 0; i < n; i++) attrs.push(`        <attribute name="${prefix}${i}" optional="YES" attributeType="Integer 64" defaultValueString="0" usesScalarValueType="YES"/>`);
  return entityXml(name, attrs.join('\n'), extra);
}

/** A Core Data model with a "Cloud" (Item: title non-optional, CK002) and a "Local" (Log: unique code, CK001) configuration, no flags. */
export const CLOUD_AND_LOCAL_MODEL = modelXml(`${entityXml('Item', '        <attribute name="title" attributeType="String"/>')}
${entityXml('Log', `        <attribute name="code" optional="YES" attributeType="String"/>
        <uniquenessConstraints>
            <uniquenessConstraint>
                <constraint value="code"/>
            </uniquenessConstraint>
        </uniquenessConstraints>`)}
    <configuration name="Cloud">
        <memberEntity name="Item"/>
    </configuration>
    <configuration name="Local">
        <memberEntity name="Log"/>
    </configuration>`, { cloudKit: false });
