/** Pretty JSON, scrollable, for event payloads and step inputs/outputs. */
export function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  const text = value === undefined ? "—" : JSON.stringify(value, null, 2);
  return (
    <pre className="max-h-80 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800" data-testid={testId}>
      {text}
    </pre>
  );
}
