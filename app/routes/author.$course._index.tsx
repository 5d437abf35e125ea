import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useState, useSyncExternalStore, type DragEvent } from "react";
import { z } from "zod";
import { requireAuthoredCourse, requireCourseOwner } from "~/authoring/access.server";
import { compileForAuthors } from "~/authoring/compile.server";
import { checkDraft, publishDraft } from "~/authoring/publishing.server";
import {
  addLesson,
  addModule,
  moveLesson,
  moveModule,
  newQuizFile,
  outline,
  placeLesson,
  placeModule,
  removeLesson,
  removeModule,
  type StructureResult,
} from "~/authoring/structure";
import {
  addCoauthor,
  changeDraft,
  courseAuthors,
  discardDraft,
  draftOf,
  fileMap,
  removeCoauthor,
} from "~/authoring/workspace.server";
import { db } from "~/db/db.server";
import { badRequest } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { formatDate } from "~/lib/format";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.outline.title ?? "Course", "Authoring") },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(request, context, params.course);
  const [draft, authors] = await Promise.all([draftOf(db, course.id), courseAuthors(db, course.id)]);
  return {
    course,
    edited: draft.edited,
    outline: outline(fileMap(draft.files)),
    authors: authors.map((a) => ({ ...a, addedAt: a.addedAt.toISOString() })),
  };
}

const name = z.string().trim().min(1).max(200);
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add-module"), title: name }),
  z.object({ intent: z.literal("add-lesson"), dir: name, title: name }),
  z.object({ intent: z.literal("move-module"), dir: name, delta: z.enum(["-1", "1"]) }),
  z.object({ intent: z.literal("move-lesson"), file: name, delta: z.enum(["-1", "1"]) }),
  z.object({ intent: z.literal("place-module"), dir: name, index: z.coerce.number().int().min(0) }),
  z.object({ intent: z.literal("place-lesson"), file: name, index: z.coerce.number().int().min(0) }),
  z.object({ intent: z.literal("remove-module"), dir: name }),
  z.object({ intent: z.literal("remove-lesson"), file: name }),
  z.object({ intent: z.literal("add-quiz"), dir: name.optional() }),
  z.object({ intent: z.literal("check") }),
  z.object({ intent: z.literal("publish"), changeNote: name }),
  z.object({ intent: z.literal("discard") }),
  z.object({ intent: z.literal("add-coauthor"), email: z.string().trim().email().max(200) }),
  z.object({ intent: z.literal("remove-coauthor"), userId: name }),
]);

type Reply = {
  intent: string;
  ok: boolean;
  message: string;
  problems?: { file: string; line: number; column: number; message: string }[];
};

const MISSING = {
  "add-module": "Give the module a title.",
  "add-lesson": "Give the lesson a title.",
  publish: "Say in a few words what changed: learners and co-authors read it in the history.",
  "add-coauthor": "Enter the co-author’s e-mail address.",
} as Record<string, string>;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const form = await readForm(request);
  const parsed = Intent.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const intent = String(form.get("intent") ?? "");
    if (!(intent in MISSING) && !Intent.options.some((o) => o.shape.intent.value === intent))
      badRequest("Unknown action.");
    return data<Reply>({ intent, ok: false, message: MISSING[intent] ?? "Check what you entered." }, 400);
  }
  const input = parsed.data;
  const structural = (change: (files: Record<string, string>) => StructureResult, done: string) =>
    changeDraft(db, user.id, course.id, change).then((r) =>
      data<Reply>({ intent: input.intent, ok: r.ok, message: r.ok ? done : r.message }, r.ok ? 200 : 400),
    );
  switch (input.intent) {
    case "add-module":
      return structural((f) => addModule(f, input.title), `Module “${input.title}” added, with a first lesson.`);
    case "add-lesson":
      return structural((f) => addLesson(f, input.dir, input.title), `Lesson “${input.title}” added.`);
    case "move-module":
      return structural((f) => moveModule(f, input.dir, Number(input.delta) as -1 | 1), "Module moved.");
    case "move-lesson":
      return structural((f) => moveLesson(f, input.file, Number(input.delta) as -1 | 1), "Lesson moved.");
    case "place-module":
      return structural((f) => placeModule(f, input.dir, input.index), "Module moved.");
    case "place-lesson":
      return structural((f) => placeLesson(f, input.file, input.index), "Lesson moved.");
    case "remove-module":
      return structural((f) => removeModule(f, input.dir), "Module removed from the draft.");
    case "remove-lesson":
      return structural((f) => removeLesson(f, input.file), "Lesson removed from the draft.");
    case "add-quiz": {
      const path = input.dir ? `${input.dir}/quiz.yml` : "final-assessment.yml";
      return structural(
        (f) =>
          path in f
            ? { ok: false, message: "There is a quiz here already." }
            : { ok: true, files: { ...f, [path]: newQuizFile(!input.dir) } },
        input.dir ? "Module quiz added: edit its questions." : "Final assessment added: edit its questions.",
      );
    }
    case "check": {
      const files = fileMap((await draftOf(db, course.id)).files);
      const { problems } = await checkDraft(files, course.slug, compileForAuthors);
      return data<Reply>({
        intent: "check",
        ok: problems.length === 0,
        message: problems.length ? `${problems.length} problem(s) to fix before publishing.` : "No problems found.",
        problems,
      });
    }
    case "publish": {
      const result = await publishDraft(db, compileForAuthors, {
        courseId: course.id,
        slug: course.slug,
        userId: user.id,
        changeNote: input.changeNote,
      });
      return result.ok
        ? data<Reply>({ intent: "publish", ok: true, message: `Version ${result.version} is published.` })
        : data<Reply>({ intent: "publish", ok: false, message: result.message, problems: result.problems }, 400);
    }
    case "discard":
      await discardDraft(db, course.id);
      return data<Reply>({ intent: "discard", ok: true, message: "The draft was discarded." });
    case "add-coauthor":
    case "remove-coauthor": {
      await requireCourseOwner(request, context, params.course);
      const r =
        input.intent === "add-coauthor"
          ? await addCoauthor(db, course.id, input.email)
          : await removeCoauthor(db, course.id, input.userId);
      return data<Reply>({ intent: input.intent, ok: r.ok, message: r.message }, r.ok ? 200 : 400);
    }
  }
}

/**
 * With JavaScript, modules and lessons can also be dragged to a new place (the buttons stay, for
 * keyboards and for pages without JavaScript). A lesson moves only within its module.
 */
function useDragToPlace() {
  const fetcher = useFetcher();
  // True once hydrated (false in the server's HTML), without an effect.
  const ready = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const [dragged, setDragged] = useState<{ kind: string; id: string } | null>(null);
  const sameGroup = (kind: string, id: string) =>
    dragged?.kind === kind && (kind === "module" || dragged.id.split("/")[0] === id.split("/")[0]);
  return {
    item(kind: "module" | "lesson", id: string, index: number) {
      if (!ready) return {};
      return {
        draggable: true,
        onDragStart: (e: DragEvent) => {
          e.stopPropagation();
          e.dataTransfer.effectAllowed = "move";
          setDragged({ kind, id });
        },
        onDragOver: (e: DragEvent) => {
          if (sameGroup(kind, id)) {
            e.preventDefault();
            e.stopPropagation();
          }
        },
        onDrop: (e: DragEvent) => {
          if (!dragged || !sameGroup(kind, id)) return;
          e.preventDefault();
          e.stopPropagation();
          if (dragged.id !== id)
            fetcher.submit(
              kind === "module"
                ? { intent: "place-module", dir: dragged.id, index: String(index) }
                : { intent: "place-lesson", file: dragged.id, index: String(index) },
              { method: "post" },
            );
          setDragged(null);
        },
        onDragEnd: () => setDragged(null),
      };
    },
  };
}

function Message({ reply, intents }: { reply: Reply | undefined; intents: string[] }) {
  if (!reply || !intents.includes(reply.intent)) return null;
  return (
    <div role={reply.ok ? "status" : "alert"} className={reply.ok ? "mt-3 font-medium" : "field-error mt-3"}>
      <p>{reply.message}</p>
      {reply.problems?.length ? (
        <ul className="mt-2 list-disc ps-6 text-sm">
          {reply.problems.map((p, i) => (
            <li key={i}>
              <code>
                {p.file}:{p.line}:{p.column}
              </code>{" "}
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Small({
  intent,
  children,
  ...fields
}: {
  intent: string;
  children: React.ReactNode;
  dir?: string;
  file?: string;
  delta?: string;
  userId?: string;
}) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="btn-secondary px-2 py-0.5 text-sm">
        {children}
      </button>
    </Form>
  );
}

export default function AuthorCourse() {
  const { course, edited, outline: o, authors } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const pending = useIsPending();
  const canManage = course.role !== "coauthor";
  const drag = useDragToPlace();
  return (
    <div>
      <p className="text-sm muted">
        <Link to={paths.author()}>Authoring</Link> ›
      </p>
      <h1 className="text-3xl font-bold">{o.title}</h1>
      <p className="mt-2">
        {course.currentVersion ? (
          <>
            Learners see version {course.currentVersion} at{" "}
            <Link to={paths.course(course)}>{paths.course(course)}</Link>.
          </>
        ) : (
          "Not published yet: learners cannot see this course."
        )}{" "}
        {edited ? "The draft has unpublished changes." : "The draft is the published version."}
      </p>
      <nav aria-label="Course authoring" className="mt-4 flex flex-wrap gap-3">
        <Link to={paths.authorDetails(course)} className="btn-secondary">
          Course details
        </Link>
        <Link to={paths.authorVersions(course)} className="btn-secondary">
          Version history
        </Link>
        <Link to={paths.authorMedia(course)} className="btn-secondary">
          Images
        </Link>
        <Link to={paths.authorInsights(course)} className="btn-secondary">
          Insights
        </Link>
        <a href={paths.authorExport(course)} className="btn-secondary" download>
          Export as zip
        </a>
      </nav>

      <h2 className="mt-8 text-xl font-semibold">Modules and lessons</h2>
      <Message
        reply={reply}
        intents={[
          "add-module",
          "add-lesson",
          "move-module",
          "move-lesson",
          "remove-module",
          "remove-lesson",
          "add-quiz",
        ]}
      />
      <ol className="mt-3 space-y-6">
        {o.modules.map((m, mi) => (
          <li
            key={m.dir}
            className="rounded-md border border-slate-300 p-4 dark:border-slate-600"
            {...drag.item("module", m.dir, mi)}
          >
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="me-auto font-semibold">
                <Link to={paths.authorFile(course, `${m.dir}/module.md`)}>
                  Module {mi + 1}: {m.title}
                </Link>
              </h3>
              {mi > 0 && (
                <Small intent="move-module" dir={m.dir} delta="-1">
                  Move up<span className="sr-only"> module {m.title}</span>
                </Small>
              )}
              {mi < o.modules.length - 1 && (
                <Small intent="move-module" dir={m.dir} delta="1">
                  Move down<span className="sr-only"> module {m.title}</span>
                </Small>
              )}
              {o.modules.length > 1 && (
                <Small intent="remove-module" dir={m.dir}>
                  Remove<span className="sr-only"> module {m.title}</span>
                </Small>
              )}
            </div>
            <ol className="mt-3 space-y-2">
              {m.lessons.map((l, li) => (
                <li key={l.file} className="flex flex-wrap items-center gap-2" {...drag.item("lesson", l.file, li)}>
                  <Link to={paths.authorFile(course, l.file)} className="me-auto">
                    {mi + 1}.{li + 1} {l.title}
                  </Link>
                  {li > 0 && (
                    <Small intent="move-lesson" file={l.file} delta="-1">
                      Move up<span className="sr-only"> lesson {l.title}</span>
                    </Small>
                  )}
                  {li < m.lessons.length - 1 && (
                    <Small intent="move-lesson" file={l.file} delta="1">
                      Move down<span className="sr-only"> lesson {l.title}</span>
                    </Small>
                  )}
                  {m.lessons.length > 1 && (
                    <Small intent="remove-lesson" file={l.file}>
                      Remove<span className="sr-only"> lesson {l.title}</span>
                    </Small>
                  )}
                </li>
              ))}
              <li>
                {m.quiz ? (
                  <Link to={paths.authorQuiz(course, m.quiz)}>Module quiz</Link>
                ) : (
                  <Small intent="add-quiz" dir={m.dir}>
                    Add a module quiz<span className="sr-only"> to {m.title}</span>
                  </Small>
                )}
              </li>
            </ol>
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="add-lesson" />
              <input type="hidden" name="dir" value={m.dir} />
              <div>
                <label htmlFor={`lesson-title-${m.dir}`} className="field-label">
                  New lesson in this module
                </label>
                <input id={`lesson-title-${m.dir}`} name="title" required maxLength={200} className="field-input" />
              </div>
              <button type="submit" className="btn-secondary">
                Add lesson
              </button>
            </Form>
          </li>
        ))}
      </ol>
      <Form method="post" className="mt-4 flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="add-module" />
        <div>
          <label htmlFor="module-title" className="field-label">
            New module
          </label>
          <input id="module-title" name="title" required maxLength={200} className="field-input" />
        </div>
        <button type="submit" className="btn-secondary">
          Add module
        </button>
      </Form>
      <p className="mt-4 flex flex-wrap gap-4">
        {o.final ? (
          <Link to={paths.authorQuiz(course, o.final)}>Final assessment</Link>
        ) : (
          <Small intent="add-quiz">Add a final assessment</Small>
        )}
        {o.glossary && <Link to={paths.authorFile(course, o.glossary)}>Glossary</Link>}
        <Link to={paths.authorFile(course, "course.md")}>course.md (all details as text)</Link>
      </p>

      <h2 className="mt-10 text-xl font-semibold">Check and publish</h2>
      <p className="mt-2 muted">
        Publishing checks every file, compiles the lessons and creates a new version. Learners keep their progress:
        lessons are matched by their key, so a new lesson is simply not done yet.
      </p>
      <Message reply={reply} intents={["check", "publish", "discard"]} />
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <Small intent="check">Check the draft</Small>
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="publish" />
          <div>
            <label htmlFor="change-note" className="field-label">
              What changed
            </label>
            <input id="change-note" name="changeNote" required maxLength={200} className="field-input" />
          </div>
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Publishing…" : "Publish"}
          </button>
        </Form>
        {edited && course.currentVersion && <Small intent="discard">Discard the draft</Small>}
      </div>

      <h2 className="mt-10 text-xl font-semibold">Authors</h2>
      <Message reply={reply} intents={["add-coauthor", "remove-coauthor"]} />
      <ul className="mt-3 space-y-2">
        {authors.map((a) => (
          <li key={a.user.id} className="flex flex-wrap items-center gap-2">
            <span className="me-auto">
              {a.user.name} ({a.role === "owner" ? "owner" : "co-author"}, since {formatDate(a.addedAt)})
            </span>
            {canManage && a.role === "coauthor" && (
              <Small intent="remove-coauthor" userId={a.user.id}>
                Remove<span className="sr-only"> {a.user.name}</span>
              </Small>
            )}
          </li>
        ))}
        {authors.length === 0 && (
          <li className="muted">No owner: the course comes from the content folder; admins edit it.</li>
        )}
      </ul>
      {canManage && (
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="add-coauthor" />
          <div>
            <label htmlFor="coauthor-email" className="field-label">
              Add a co-author (an instructor’s e-mail)
            </label>
            <input id="coauthor-email" name="email" type="email" required maxLength={200} className="field-input" />
          </div>
          <button type="submit" className="btn-secondary">
            Add co-author
          </button>
        </Form>
      )}
    </div>
  );
}
