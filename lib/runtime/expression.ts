/**
 * The subset of CEL (Common Expression Language) used by Inngest trigger `if`, waitForEvent `if`
 * and cancelOn `if` expressions, e.g. `event.data.orderId == async.data.orderId`.
 *
 * Supported: null/bool/int/double/string literals (single or double quotes), list literals,
 * identifiers and field access (`a.b`, `a["b"]`, `list[0]`), `! - * / % + -`,
 * `== != < <= > >= in`, `&& ||`, `c ? a : b`, `has(a.b)`, `size(x)` / `x.size()`,
 * `x.startsWith(s)`, `x.endsWith(s)`, `x.contains(s)`, `x.matches(re)`.
 * Anything else (map literals, macros such as `all`/`exists`/`map`, bytes, timestamps...) is
 * rejected at parse time with an error naming the syntax and its column.
 *
 * Evaluation is lenient like Inngest's: a missing field is null, and a type error makes the
 * whole condition false rather than throwing.
 */

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly expression: string,
    readonly column?: number,
  ) {
    super(column === undefined ? `${message} in expression \`${expression}\`` : `${message} at column ${column} in expression \`${expression}\``);
    this.name = "ExpressionError";
  }
}

type Token =
  | { t: "num"; v: number; pos: number }
  | { t: "str"; v: string; pos: number }
  | { t: "id"; v: string; pos: number }
  | { t: "op"; v: string; pos: number }
  | { t: "eof"; pos: number };

export type Node =
  | { k: "lit"; v: unknown }
  | { k: "id"; name: string }
  | { k: "field"; obj: Node; name: string }
  | { k: "index"; obj: Node; index: Node }
  | { k: "list"; items: Node[] }
  | { k: "unary"; op: "!" | "-"; arg: Node }
  | { k: "bin"; op: string; left: Node; right: Node }
  | { k: "cond"; test: Node; then: Node; else: Node }
  | { k: "call"; fn: string; target?: Node; args: Node[] }
  | { k: "has"; arg: Node };

const OPERATORS = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "+", "-", "*", "/", "%", "(", ")", "[", "]", ".", ",", "?", ":"];
const RESERVED = new Set([
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
]);
const GLOBAL_FUNCTIONS = new Set(["size", "has", "int", "double", "string"]);
const METHODS = new Set(["size", "startsWith", "endsWith", "contains", "matches"]);
const MACROS = new Set(["all", "exists", "exists_one", "map", "filter"]);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const col = (p: number) => p + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = /^(0x[0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?)(u)?/.exec(src.slice(i))!;
      out.push({ t: "num", v: Number(m[1]), pos: i });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      if (src.startsWith(c.repeat(3), i)) throw new ExpressionError("Unsupported syntax: triple-quoted strings", src, col(i));
      let j = i + 1;
      let v = "";
      for (;;) {
        if (j >= src.length) throw new ExpressionError("Unterminated string", src, col(i));
        const ch = src[j]!;
        if (ch === c) break;
        if (ch === "\\") {
          const n = src[j + 1];
          const esc: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'" };
          if (n === undefined || !(n in esc)) throw new ExpressionError(`Unsupported escape \\${n ?? ""}`, src, col(j));
          v += esc[n];
          j += 2;
          continue;
        }
        v += ch;
        j++;
      }
      out.push({ t: "str", v, pos: i });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      // r"..." / b"..." prefixes are raw strings and bytes: not in the subset.
      if ((m[0] === "r" || m[0] === "R" || m[0] === "b" || m[0] === "B") && (src[i + 1] === '"' || src[i + 1] === "'")) {
        throw new ExpressionError(`Unsupported syntax: ${m[0]}-prefixed strings`, src, col(i));
      }
      out.push({ t: "id", v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) {
      const what = c === "{" ? "map literals `{...}`" : `character "${c}"`;
      throw new ExpressionError(`Unsupported syntax: ${what}`, src, col(i));
    }
    out.push({ t: "op", v: op, pos: i });
    i += op.length;
  }
  out.push({ t: "eof", pos: src.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Token[],
    private readonly src: string,
  ) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }
  private next(): Token {
    const t = this.toks[this.i]!;
    if (t.t !== "eof") this.i++;
    return t;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.v === v;
  }
  private isId(v: string): boolean {
    const t = this.peek();
    return t.t === "id" && t.v === v;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.t !== "op" || t.v !== v) throw this.err(`Expected "${v}"`, t);
  }
  private err(message: string, t: Token = this.peek()): ExpressionError {
    const found = t.t === "eof" ? "end of expression" : `"${"v" in t ? t.v : ""}"`;
    return new ExpressionError(`${message}, found ${found}`, this.src, t.pos + 1);
  }

  parse(): Node {
    const node = this.expr();
    if (this.peek().t !== "eof") throw this.err("Unexpected token");
    return node;
  }

  private expr(): Node {
    const test = this.or();
    if (this.isOp("?")) {
      this.next();
      const then = this.expr();
      this.expect(":");
      const otherwise = this.expr();
      return { k: "cond", test, then, else: otherwise };
    }
    return test;
  }

  private or(): Node {
    let left = this.and();
    while (this.isOp("||")) {
      this.next();
      left = { k: "bin", op: "||", left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.rel();
    while (this.isOp("&&")) {
      this.next();
      left = { k: "bin", op: "&&", left, right: this.rel() };
    }
    return left;
  }

  private rel(): Node {
    let left = this.add();
    for (;;) {
      const t = this.peek();
      if (t.t === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(t.v)) {
        this.next();
        left = { k: "bin", op: t.v, left, right: this.add() };
      } else if (t.t === "id" && t.v === "in") {
        this.next();
        left = { k: "bin", op: "in", left, right: this.add() };
      } else return left;
    }
  }

  private add(): Node {
    let left = this.mul();
    while (this.isOp("+") || this.isOp("-")) {
      const op = (this.next() as { v: string }).v;
      left = { k: "bin", op, left, right: this.mul() };
    }
    return left;
  }

  private mul(): Node {
    let left = this.unary();
    while (this.isOp("*") || this.isOp("/") || this.isOp("%")) {
      const op = (this.next() as { v: string }).v;
      left = { k: "bin", op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp("!")) {
      this.next();
      return { k: "unary", op: "!", arg: this.unary() };
    }
    if (this.isOp("-")) {
      this.next();
      return { k: "unary", op: "-", arg: this.unary() };
    }
    return this.member();
  }

  private member(): Node {
    let node = this.primary();
    for (;;) {
      if (this.isOp(".")) {
        this.next();
        const t = this.next();
        if (t.t !== "id") throw this.err('Expected a field name after "."', t);
        if (this.isOp("(")) {
          if (MACROS.has(t.v)) throw new ExpressionError(`Unsupported syntax: the ${t.v}() macro`, this.src, t.pos + 1);
          if (!METHODS.has(t.v)) throw new ExpressionError(`Unsupported function ${t.v}()`, this.src, t.pos + 1);
          node = { k: "call", fn: t.v, target: node, args: this.args() };
        } else node = { k: "field", obj: node, name: t.v };
      } else if (this.isOp("[")) {
        this.next();
        const index = this.expr();
        this.expect("]");
        node = { k: "index", obj: node, index };
      } else return node;
    }
  }

  private args(): Node[] {
    this.expect("(");
    const args: Node[] = [];
    if (!this.isOp(")")) {
      do args.push(this.expr());
      while (this.isOp(",") && this.next());
    }
    this.expect(")");
    return args;
  }

  private primary(): Node {
    const t = this.next();
    if (t.t === "num") return { k: "lit", v: t.v };
    if (t.t === "str") return { k: "lit", v: t.v };
    if (t.t === "id") {
      if (t.v === "true") return { k: "lit", v: true };
      if (t.v === "false") return { k: "lit", v: false };
      if (t.v === "null") return { k: "lit", v: null };
      if (RESERVED.has(t.v)) throw new ExpressionError(`Unsupported syntax: reserved word "${t.v}"`, this.src, t.pos + 1);
      if (this.isOp("(")) {
        if (MACROS.has(t.v)) throw new ExpressionError(`Unsupported syntax: the ${t.v}() macro`, this.src, t.pos + 1);
        if (!GLOBAL_FUNCTIONS.has(t.v)) throw new ExpressionError(`Unsupported function ${t.v}()`, this.src, t.pos + 1);
        const args = this.args();
        if (t.v === "has") {
          if (args.length !== 1 || (args[0]!.k !== "field" && args[0]!.k !== "index")) {
            throw new ExpressionError("has() takes one field selection, e.g. has(event.data.id)", this.src, t.pos + 1);
          }
          return { k: "has", arg: args[0]! };
        }
        return { k: "call", fn: t.v, args };
      }
      return { k: "id", name: t.v };
    }
    if (t.t === "op" && t.v === "(") {
      const e = this.expr();
      this.expect(")");
      return e;
    }
    if (t.t === "op" && t.v === "[") {
      const items: Node[] = [];
      if (!this.isOp("]")) {
        do items.push(this.expr());
        while (this.isOp(",") && this.next());
      }
      this.expect("]");
      return { k: "list", items };
    }
    throw this.err("Expected a value", t);
  }
}

const cache = new Map<string, Node>();

/** Parse (cached); throws ExpressionError for invalid or unsupported syntax. */
export function parseExpression(src: string): Node {
  let node = cache.get(src);
  if (!node) {
    node = new Parser(tokenize(src), src).parse();
    if (cache.size > 5_000) cache.clear();
    cache.set(src, node);
  }
  return node;
}

/** Parse and check identifiers are among `allowed` (e.g. ["event"] for triggers). */
export function validateExpression(src: string, allowed: string[]): void {
  const node = parseExpression(src);
  const walk = (n: Node): void => {
    switch (n.k) {
      case "id":
        if (!allowed.includes(n.name)) throw new ExpressionError(`Unknown variable "${n.name}" (available: ${allowed.join(", ")})`, src);
        return;
      case "field":
        return walk(n.obj);
      case "index":
        walk(n.obj);
        return walk(n.index);
      case "list":
        return n.items.forEach(walk);
      case "unary":
        return walk(n.arg);
      case "bin":
        walk(n.left);
        return walk(n.right);
      case "cond":
        walk(n.test);
        walk(n.then);
        return walk(n.else);
      case "call":
        if (n.target) walk(n.target);
        return n.args.forEach(walk);
      case "has":
        return walk(n.arg);
      case "lit":
        return;
    }
  };
  walk(node);
}

class EvalError extends Error {}

function get(obj: unknown, key: unknown): unknown {
  if (obj === null || obj === undefined) return undefined;
  if (Array.isArray(obj)) {
    if (typeof key !== "number" || !Number.isInteger(key)) throw new EvalError("list index must be an int");
    return obj[key];
  }
  if (typeof obj === "object" && (typeof key === "string" || typeof key === "number")) {
    return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[String(key)] : undefined;
  }
  throw new EvalError("no such field");
}

function equals(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equals(v, b[i]));
  if (typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k) => equals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const ok = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
  if (!ok) throw new EvalError(`cannot compare ${typeof a} and ${typeof b}`);
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    default:
      return x >= y;
  }
}

function evaluateNode(n: Node, vars: Record<string, unknown>): unknown {
  switch (n.k) {
    case "lit":
      return n.v;
    case "id":
      return vars[n.name];
    case "field":
      return get(evaluateNode(n.obj, vars), n.name);
    case "index":
      return get(evaluateNode(n.obj, vars), evaluateNode(n.index, vars));
    case "list":
      return n.items.map((i) => evaluateNode(i, vars));
    case "has": {
      const target = n.arg.k === "field" ? evaluateNode(n.arg.obj, vars) : evaluateNode((n.arg as { obj: Node }).obj, vars);
      const key = n.arg.k === "field" ? n.arg.name : evaluateNode((n.arg as { index: Node }).index, vars);
      return target !== null && typeof target === "object" && Object.prototype.hasOwnProperty.call(target, String(key));
    }
    case "unary": {
      const v = evaluateNode(n.arg, vars);
      if (n.op === "!") {
        if (typeof v !== "boolean") throw new EvalError("! needs a bool");
        return !v;
      }
      if (typeof v !== "number") throw new EvalError("- needs a number");
      return -v;
    }
    case "cond": {
      const t = evaluateNode(n.test, vars);
      if (typeof t !== "boolean") throw new EvalError("condition must be a bool");
      return t ? evaluateNode(n.then, vars) : evaluateNode(n.else, vars);
    }
    case "bin": {
      if (n.op === "&&" || n.op === "||") {
        // CEL's commutative logic: an error on one side is absorbed if the other side decides.
        let l: unknown;
        let lErr = false;
        try {
          l = evaluateNode(n.left, vars);
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
          lErr = true;
        }
        if (!lErr && typeof l === "boolean" && l === (n.op === "||")) return l;
        const r = evaluateNode(n.right, vars);
        if (typeof r !== "boolean") throw new EvalError(`${n.op} needs bools`);
        if (r === (n.op === "||")) return r;
        if (lErr || typeof l !== "boolean") throw new EvalError(`${n.op} needs bools`);
        return l;
      }
      const l = evaluateNode(n.left, vars);
      const r = evaluateNode(n.right, vars);
      switch (n.op) {
        case "==":
          return equals(l, r);
        case "!=":
          return !equals(l, r);
        case "<":
        case "<=":
        case ">":
        case ">=":
          return compare(n.op, l, r);
        case "in":
          if (Array.isArray(r)) return r.some((v) => equals(v, l));
          if (r !== null && typeof r === "object") return typeof l === "string" && Object.prototype.hasOwnProperty.call(r, l);
          throw new EvalError("in needs a list or map");
        case "+":
          if (typeof l === "number" && typeof r === "number") return l + r;
          if (typeof l === "string" && typeof r === "string") return l + r;
          if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
          throw new EvalError("bad operands for +");
        default: {
          if (typeof l !== "number" || typeof r !== "number") throw new EvalError(`${n.op} needs numbers`);
          if (n.op === "-") return l - r;
          if (n.op === "*") return l * r;
          if ((n.op === "/" || n.op === "%") && r === 0) throw new EvalError("division by zero");
          if (n.op === "/") return Number.isInteger(l) && Number.isInteger(r) ? Math.trunc(l / r) : l / r;
          return l % r;
        }
      }
    }
    case "call": {
      const args = n.args.map((a) => evaluateNode(a, vars));
      const target = n.target ? evaluateNode(n.target, vars) : args.shift();
      switch (n.fn) {
        case "size":
          if (typeof target === "string" || Array.isArray(target)) return target.length;
          if (target !== null && typeof target === "object") return Object.keys(target).length;
          throw new EvalError("size() needs a string, list or map");
        case "int":
          if (typeof target === "number") return Math.trunc(target);
          if (typeof target === "string" && /^-?\d+$/.test(target)) return Number(target);
          throw new EvalError("int() needs a number");
        case "double":
          if (typeof target === "number") return target;
          if (typeof target === "string" && target.trim() !== "" && !Number.isNaN(Number(target))) return Number(target);
          throw new EvalError("double() needs a number");
        case "string":
          if (typeof target === "string" || typeof target === "number" || typeof target === "boolean") return String(target);
          throw new EvalError("string() needs a scalar");
      }
      if (typeof target !== "string" || typeof args[0] !== "string") throw new EvalError(`${n.fn}() needs strings`);
      if (n.fn === "startsWith") return target.startsWith(args[0]);
      if (n.fn === "endsWith") return target.endsWith(args[0]);
      if (n.fn === "contains") return target.includes(args[0]);
      return new RegExp(args[0]).test(target);
    }
  }
}

/** Evaluate to a value; throws on a type error (use `matches` for conditions). */
export function evaluate(src: string, vars: Record<string, unknown>): unknown {
  try {
    return evaluateNode(parseExpression(src), vars);
  } catch (e) {
    if (e instanceof EvalError) throw new ExpressionError(e.message, src);
    throw e;
  }
}

/** A condition: true only when the expression evaluates to true (errors and non-bools are false). */
export function matches(src: string, vars: Record<string, unknown>): boolean {
  try {
    return evaluateNode(parseExpression(src), vars) === true;
  } catch (e) {
    if (e instanceof EvalError) return false;
    throw e;
  }
}
