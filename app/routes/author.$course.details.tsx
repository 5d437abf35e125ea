import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { applyDetails, detailsOf, DetailsSchema, REVEAL_CHOICES } from "~/authoring/details";
import { changeDraft, draftOf, fileMap } from "~/authoring/workspace.server";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Course details", "Authoring") }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(request, context, params.course);
  return { course, details: detailsOf(fileMap((await draftOf(db, course.id)).files)) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const submission = parseWithZod(await readForm(request), { schema: DetailsSchema });
  if (submission.status !== "success") return data(submission.reply(), 400);
  const result = await changeDraft(db, user.id, course.id, (files) => applyDetails(files, submission.value));
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), 400);
  return redirect(paths.authorCourse(course));
}

export default function CourseDetails() {
  const { course, details } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: details,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DetailsSchema }),
    shouldValidate: "onBlur",
  });
  const pending = useIsPending();
  return (
    <div className="max-w-2xl">
      <p className="text-sm muted">
        <Link to={paths.author()}>Authoring</Link> › <Link to={paths.authorCourse(course)}>{course.title}</Link> ›
      </p>
      <h1 className="text-3xl font-bold">Course details</h1>
      <p className="mt-2 muted">Saved to the draft; learners see the changes once you publish.</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 grid gap-5">
        <Field field={fields.title} label="Title" />
        <Field
          field={fields.summary}
          label="Summary"
          hint="One sentence, at most 200 characters: shown on course cards."
        />
        <TextAreaField field={fields.description} label="Description" rows={6} />
        <TextAreaField field={fields.audience} label="Who it is for" />
        <TextAreaField
          field={fields.outcomes}
          label="Outcomes"
          hint="One per line, 3 to 8: what a learner will be able to do."
          rows={5}
        />
        <SelectField
          field={fields.level}
          label="Level"
          options={[
            ["introductory", "Introductory"],
            ["intermediate", "Intermediate"],
            ["advanced", "Advanced"],
          ]}
        />
        <Field
          field={fields.topics}
          label="Topics"
          hint="Comma-separated, lower-case words joined by hyphens, e.g. circular-ict, green-ict."
        />
        <Field field={fields.language} label="Language" hint="A language code such as en, fr or ar." />
        <Field field={fields.passMark} label="Pass mark (%)" hint="50 to 100: the score needed to pass the quizzes." />
        <Field field={fields.maxAttempts} label="Attempts allowed per quiz" hint="Leave empty for no limit." />
        <Field field={fields.cooldownMinutes} label="Minutes to wait between attempts" />
        <SelectField field={fields.moduleReveal} label="Answers of module quizzes are shown" options={REVEAL_CHOICES} />
        <SelectField
          field={fields.finalReveal}
          label="Answers of the final assessment are shown"
          options={REVEAL_CHOICES}
        />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <div>
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Saving…" : "Save details"}
          </button>
        </div>
      </Form>
    </div>
  );
}
