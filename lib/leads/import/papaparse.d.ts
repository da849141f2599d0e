/** The part of papaparse 5.7 (no bundled types) the CSV import and export use: parsing a string into rows, rows into CSV text. */
declare module "papaparse" {
  export type ParseError = { type: string; code: string; message: string; row?: number };
  export type ParseResult<T> = { data: T[]; errors: ParseError[]; meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean } };
  export type ParseConfig = { delimiter?: string; delimitersToGuess?: string[]; header?: false; skipEmptyLines?: boolean | "greedy"; preview?: number };
  export type UnparseConfig = { delimiter?: string; header?: boolean; newline?: string; quotes?: boolean; escapeFormulae?: boolean };
  const Papa: { parse<T = string[]>(input: string, config?: ParseConfig): ParseResult<T>; unparse(data: (string | number | null)[][], config?: UnparseConfig): string };
  export default Papa;
}
