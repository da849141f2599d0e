/** The part of papaparse 5.7 (no bundled types) the CSV import uses: parsing a string into rows. */
declare module "papaparse" {
  export type ParseError = { type: string; code: string; message: string; row?: number };
  export type ParseResult<T> = { data: T[]; errors: ParseError[]; meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean } };
  export type ParseConfig = { delimiter?: string; delimitersToGuess?: string[]; header?: false; skipEmptyLines?: boolean | "greedy"; preview?: number };
  const Papa: { parse<T = string[]>(input: string, config?: ParseConfig): ParseResult<T> };
  export default Papa;
}
