// The quiz form: a quiz file (quiz.yml, final-assessment.yml) as flat form fields and back, the
// edits its buttons make (add, remove and reorder questions and options), and its validation with
// the same schema and checks as content/. Pure, so the form works the same with or without JavaScript.
import { parse, stringify } from "yaml";
import { Quiz, quizChecks, REVEAL_POLICIES, type QuizDef, type RevealPolicy } from "~/content/schema";
import { problem, type Problem } from "~/i18n/problem";

export type FormOption = { id: string; text: string; correct: boolean };
export type FormQuestion = {
  id: string;
  type: "single" | "multiple" | "truefalse";
  prompt: string;
  options: FormOption[];
  answer: boolean;
  explanation: string;
  concept: string;
  /** Kept as written (outcome numbers), not edited by the form. */
  outcome: string;
};
export type QuizForm = {
  title: string;
  passMark: string;
  reveal: RevealPolicy;
  shuffle: boolean;
  questions: FormQuestion[];
};

const OPTION_IDS = "abcdefghijklmnopqrstuvwxyz";

export function blankQuestion(n: number, taken: string[] = []): FormQuestion {
  let id = `q${n}`;
  for (let i = n + 1; taken.includes(id); i++) id = `q${i}`;
  return {
    id,
    type: "single",
    prompt: "",
    options: ["a", "b", "c"].map((o) => ({ id: o, text: "", correct: false })),
    answer: true,
    explanation: "",
    concept: "",
    outcome: "",
  };
}

/** The form's state from a quiz file's text (a file that does not parse gives an empty quiz). */
export function quizToForm(source: string): QuizForm {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = parse(source);
    if (parsed && typeof parsed === "object") raw = parsed as Record<string, unknown>;
  } catch {
    /* the YAML view shows the parse error */
  }
  const s = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
  const questions = Array.isArray(raw.questions) ? (raw.questions as Record<string, unknown>[]) : [];
  return {
    title: s(raw.title),
    passMark: s(raw.passMark),
    reveal: REVEAL_POLICIES.includes(raw.reveal as RevealPolicy) ? (raw.reveal as RevealPolicy) : "after-pass",
    shuffle: raw.shuffle !== false,
    questions: questions.map((q, i) => ({
      id: s(q.id) || `q${i + 1}`,
      type: q.type === "multiple" || q.type === "truefalse" ? q.type : "single",
      prompt: s(q.prompt),
      options: Array.isArray(q.options)
        ? (q.options as Record<string, unknown>[]).map((o) => ({
            id: s(o.id),
            text: s(o.text),
            correct: o.correct === true,
          }))
        : [],
      answer: q.answer !== false,
      explanation: s(q.explanation),
      concept: s(q.concept),
      outcome: q.outcome === undefined ? "" : JSON.stringify(q.outcome),
    })),
  };
}

/** The form's state from submitted fields: `title`, `q.0.prompt`, `q.0.o.1.text`, `q.0.o.1.correct`, … */
export function formFromFields(form: FormData): QuizForm {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const questions: FormQuestion[] = [];
  for (let i = 0; form.has(`q.${i}.id`) && i < 200; i++) {
    const options: FormOption[] = [];
    for (let j = 0; form.has(`q.${i}.o.${j}.id`) && j < 26; j++)
      options.push({
        id: get(`q.${i}.o.${j}.id`),
        text: get(`q.${i}.o.${j}.text`),
        correct: form.has(`q.${i}.o.${j}.correct`),
      });
    const type = get(`q.${i}.type`);
    questions.push({
      id: get(`q.${i}.id`),
      type: type === "multiple" || type === "truefalse" ? type : "single",
      prompt: get(`q.${i}.prompt`),
      options,
      answer: get(`q.${i}.answer`) !== "false",
      explanation: get(`q.${i}.explanation`),
      concept: get(`q.${i}.concept`),
      outcome: get(`q.${i}.outcome`),
    });
  }
  const reveal = get("reveal");
  return {
    title: get("title"),
    passMark: get("passMark"),
    reveal: REVEAL_POLICIES.includes(reveal as RevealPolicy) ? (reveal as RevealPolicy) : "after-pass",
    shuffle: form.has("shuffle"),
    questions,
  };
}

/** What a button asks: `add-question`, `remove-question:2`, `move-question:2:-1`, `add-option:2`, `remove-option:2:3`. */
export function applyQuizEdit(quiz: QuizForm, intent: string): QuizForm {
  const [what, a, b] = intent.split(":");
  const i = Number(a);
  const questions = [...quiz.questions];
  const q = questions[i];
  switch (what) {
    case "add-question":
      return {
        ...quiz,
        questions: [
          ...questions,
          blankQuestion(
            questions.length + 1,
            questions.map((x) => x.id),
          ),
        ],
      };
    case "remove-question":
      if (q) questions.splice(i, 1);
      break;
    case "move-question": {
      const j = i + Number(b);
      if (q && j >= 0 && j < questions.length) [questions[i], questions[j]] = [questions[j], questions[i]];
      break;
    }
    case "add-option":
      if (q && q.options.length < 6) {
        const id = [...OPTION_IDS].find((c) => !q.options.some((o) => o.id === c)) ?? `o${q.options.length + 1}`;
        questions[i] = { ...q, options: [...q.options, { id, text: "", correct: false }] };
      }
      break;
    case "remove-option":
      if (q) questions[i] = { ...q, options: q.options.filter((_, j) => j !== Number(b)) };
      break;
  }
  return { ...quiz, questions };
}

/** The quiz as the file format holds it (before validation). */
export function formToRaw(quiz: QuizForm): Record<string, unknown> {
  const optional = (k: string, v: string) => (v.trim() ? { [k]: v.trim() } : {});
  return {
    title: quiz.title.trim(),
    ...(quiz.passMark.trim() ? { passMark: Number(quiz.passMark) } : {}),
    reveal: quiz.reveal,
    shuffle: quiz.shuffle,
    questions: quiz.questions.map((q) => {
      let outcome: unknown;
      try {
        outcome = q.outcome ? JSON.parse(q.outcome) : undefined;
      } catch {
        outcome = undefined;
      }
      const common = {
        id: q.id.trim(),
        type: q.type,
        prompt: q.prompt.trim(),
        ...(q.type === "truefalse"
          ? { answer: q.answer }
          : {
              options: q.options.map((o) => ({
                id: o.id,
                text: o.text.trim(),
                ...(o.correct ? { correct: true } : {}),
              })),
            }),
        explanation: q.explanation.trim(),
        ...optional("concept", q.concept),
        ...(outcome === undefined ? {} : { outcome }),
      };
      return common;
    }),
  };
}

export type QuizCheck = { ok: true; quiz: QuizDef; yaml: string } | { ok: false; problems: Problem[] };

/**
 * A check's message with the place it is about: "Question 2, option 3: …" (`authoring:problems.quiz.*`).
 * The message itself comes from the quiz format's checks (content/schema.ts).
 */
const at = (path: (string | number)[], detail: string): Problem => {
  const said = (key: string, values: Problem["values"]) => problem(`authoring:problems.quiz.${key}`, values);
  const [, qi, field, oi] = path;
  if (path[0] !== "questions" || typeof qi !== "number")
    return path.length ? said("path", { path: path.join("."), detail }) : said("quiz", { detail });
  const question = qi + 1;
  if (field === "options" && typeof oi === "number") return said("option", { question, option: oi + 1, detail });
  if (field) return said("field", { question, field: String(field), detail });
  return said("question", { question, detail });
};

/** Validates the form's quiz like any quiz file, and gives the YAML to store. */
export function checkQuizForm(quiz: QuizForm): QuizCheck {
  const raw = formToRaw(quiz);
  const problems = quizChecks(raw).map((i) => at(i.path, i.message));
  const result = Quiz.safeParse(raw);
  if (!result.success) problems.push(...result.error.issues.map((i) => at(i.path, i.message)));
  if (problems.length) return { ok: false, problems };
  return { ok: true, quiz: result.data!, yaml: stringify(raw, { lineWidth: 0 }) };
}
