/** Plain data values: what attributes and record fields hold. */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/** Binary data is simulated by its length (what limits and asset thresholds depend on) and an optional tag. */
export interface BytesValue {
  readonly kind: 'bytes';
  readonly length: number;
  /** Distinguishes two blobs of the same length (e.g. "photo-v2"); no content is stored. */
  readonly tag?: string;
}

/**
 * A Core Data attribute value in a device's store: strings (String, UUID, URI), numbers (integers, Double,
 * Float, Decimal, and Date as milliseconds since 1970), booleans, bytes (Binary, Transformable, Composite).
 */
export type AttrValue = null | boolean | number | string | BytesValue;

/** A CKAsset holding a value moved out of the record (reference §1.3: values > 700,000 bytes → `_ckAsset`). */
export interface AssetValue {
  readonly kind: 'asset';
  readonly length: number;
  /** Stable id of the asset file on the simulated server. */
  readonly ref: string;
  /** The tag of the bytes it holds, or a digest of the string it holds. */
  readonly tag?: string;
}

/** A CKRecord field value on the simulated server. */
export type FieldValue = null | boolean | number | string | BytesValue | AssetValue;
