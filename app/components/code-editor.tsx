// A plain textarea that becomes a CodeMirror 6 editor once JavaScript runs (line numbers, undo,
// search, Markdown or YAML highlighting, problems in the gutter). The textarea stays the form
// field either way: the editor writes every change back into it, so forms post the same data.
import type * as Lint from "@codemirror/lint";
import type { EditorView } from "@codemirror/view";
import { useEffect, useRef } from "react";

export type EditorProblem = { line: number; column: number; message: string };

type Props = {
  id: string;
  name: string;
  defaultValue: string;
  language: "markdown" | "yaml";
  problems: EditorProblem[];
  label: string;
  describedBy?: string;
  onChange?: (text: string) => void;
  /** Text to insert at the cursor, with a counter so the same snippet can be inserted twice. */
  insert?: { text: string; n: number } | null;
};

export function CodeEditor({
  id,
  name,
  defaultValue,
  language,
  problems,
  label,
  describedBy,
  onChange,
  insert,
}: Props) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lint = useRef<typeof Lint | null>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const [{ basicSetup, EditorView: Editor }, { markdown }, { yaml }, lintModule] = await Promise.all([
        import("codemirror"),
        import("@codemirror/lang-markdown"),
        import("@codemirror/lang-yaml"),
        import("@codemirror/lint"),
      ]);
      if (cancelled || !host.current || !textarea.current) return;
      lint.current = lintModule;
      const area = textarea.current;
      view.current = new Editor({
        doc: area.value,
        parent: host.current,
        extensions: [
          basicSetup,
          // CodeMirror adds a style sheet: it carries the page's CSP nonce (read from Remix's scripts).
          Editor.cspNonce.of(document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? ""),
          Editor.lineWrapping,
          language === "yaml" ? yaml() : markdown(),
          lintModule.lintGutter(),
          Editor.contentAttributes.of({
            "aria-label": label,
            ...(describedBy ? { "aria-describedby": describedBy } : {}),
          }),
          Editor.updateListener.of((u) => {
            if (!u.docChanged) return;
            area.value = u.state.doc.toString();
            changed.current?.(area.value);
          }),
        ],
      });
      area.hidden = true;
      host.current.hidden = false;
    })();
    return () => {
      cancelled = true;
      view.current?.destroy();
      view.current = null;
    };
  }, [language, label, describedBy]);

  useEffect(() => {
    const v = view.current;
    if (!v || !lint.current) return;
    const doc = v.state.doc;
    const diagnostics = problems.map((p) => {
      const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
      const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
      return { from, to: Math.max(from, Math.min(line.to, from + 1)), severity: "error" as const, message: p.message };
    });
    v.dispatch(lint.current.setDiagnostics(v.state, diagnostics));
  }, [problems]);

  useEffect(() => {
    if (!insert) return;
    const v = view.current;
    if (v) {
      v.dispatch(v.state.replaceSelection(insert.text));
      v.focus();
    } else if (textarea.current) {
      const a = textarea.current;
      a.setRangeText(insert.text, a.selectionStart, a.selectionEnd, "end");
      onChange?.(a.value);
    }
    // Only a new insertion (a new counter) inserts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [insert?.n]);

  return (
    <div>
      <textarea
        ref={textarea}
        id={id}
        name={name}
        defaultValue={defaultValue}
        rows={28}
        spellCheck={false}
        aria-describedby={describedBy}
        className="field-input w-full font-mono text-sm"
      />
      <div
        ref={host}
        hidden
        className="max-h-[70vh] overflow-auto rounded-md border border-slate-400 text-sm dark:border-slate-500"
      />
    </div>
  );
}
