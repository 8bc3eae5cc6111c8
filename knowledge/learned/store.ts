import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readModel, type StoredLearnedModel } from './model';

/** The trained model, committed with the corpus it was trained on (rebuild: `npm run kb:train`). */
export const MODEL_FILE = resolve(__dirname, '..', 'model', 'learned-model.json');

export async function loadLearnedModel(file = MODEL_FILE): Promise<StoredLearnedModel> {
  return readModel(await readFile(file, 'utf8'));
}
