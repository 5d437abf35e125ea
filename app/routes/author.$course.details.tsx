import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { applyDetails, detailsOf, detailsSchema, REVEAL_CHOICES } from "~/authoring/details";
import { changeDraft, draftOf, fileMap } from "~/authoring/workspace.server";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("authoring");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

export async function loader(args: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(args.request, args.context, args.params.course);
  const { t } = await requestTranslator(args, "authoring");
  return {
    title: pageTitle(t("details.title"), t("title")),
    course,
    details: detailsOf(fileMap((await draftOf(db, course.id)).files)),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const { t } = await requestTranslator({ request, context }, "authoring");
  const submission = parseWithZod(await readForm({ request, context }), { schema: detailsSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), 400);
  const result = await changeDraft(db, user.id, course.id, (files) => applyDetails(files, submission.value));
  if (!result.ok) return data(submission.reply({ formErrors: [say(t, result.problem)] }), 400);
  return redirect(paths.authorCourse(course));
}

export default function CourseDetails() {
  const { course, details } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("authoring");
  const [form, fields] = useForm({
    lastResult,
    defaultValue: details,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: detailsSchema(t) }),
    shouldValidate: "onBlur",
  });
  const pending = useIsPending();
  const revealChoices = REVEAL_CHOICES.map((value) => [value, t(`details.reveal.${value}`)] as const);
  return (
    <div className="max-w-2xl">
      <p className="text-sm muted">
        <Link to={paths.author()}>{t("title")}</Link> {t("breadcrumb.separator")}{" "}
        <Link to={paths.authorCourse(course)}>{course.title}</Link> {t("breadcrumb.separator")}
      </p>
      <h1 className="text-3xl font-bold">{t("details.title")}</h1>
      <p className="mt-2 muted">{t("details.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 grid gap-5">
        <Field field={fields.title} label={t("details.fields.title")} />
        <Field field={fields.summary} label={t("details.fields.summary")} hint={t("details.fields.summaryHint")} />
        <TextAreaField field={fields.description} label={t("details.fields.description")} rows={6} />
        <TextAreaField field={fields.audience} label={t("details.fields.audience")} />
        <TextAreaField
          field={fields.outcomes}
          label={t("details.fields.outcomes")}
          hint={t("details.fields.outcomesHint")}
          rows={5}
        />
        <SelectField
          field={fields.level}
          label={t("details.fields.level")}
          options={[
            ["introductory", t("details.level.introductory")],
            ["intermediate", t("details.level.intermediate")],
            ["advanced", t("details.level.advanced")],
          ]}
        />
        <Field field={fields.topics} label={t("details.fields.topics")} hint={t("details.fields.topicsHint")} />
        <Field field={fields.language} label={t("details.fields.language")} hint={t("details.fields.languageHint")} />
        <Field field={fields.passMark} label={t("details.fields.passMark")} hint={t("details.fields.passMarkHint")} />
        <Field
          field={fields.maxAttempts}
          label={t("details.fields.maxAttempts")}
          hint={t("details.fields.maxAttemptsHint")}
        />
        <Field field={fields.cooldownMinutes} label={t("details.fields.cooldownMinutes")} />
        <SelectField field={fields.moduleReveal} label={t("details.fields.moduleReveal")} options={revealChoices} />
        <SelectField field={fields.finalReveal} label={t("details.fields.finalReveal")} options={revealChoices} />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <div>
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? t("details.pending") : t("details.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
