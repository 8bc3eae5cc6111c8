import { parse } from 'yaml';

/** Splits a Markdown file into its YAML front matter (between `---` lines) and body. */
export function splitFrontMatter(text: string, file: string): { data: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: no front matter (the file must start with a --- block)`);
  return { data: parse(match[1] ?? ''), body: (match[2] ?? '').trim() };
}
