import type { Document, ObjectId } from 'mongodb';

/** Every stored document: `_id` is the record's id (a string), audit's seq, or an ObjectId. */
export interface StoredDoc extends Document {
  _id: string | number | ObjectId;
}
