import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { db } from "~/db/db.server";
import { readImageUpload } from "~/http/upload.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useIsPending } from "~/lib/use-is-pending";
import { MAX_ALT_LENGTH } from "~/media/media";
import { courseImages, figureSnippet, imageSrcSet, storeImage } from "~/media/media.server";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("authoring");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

export async function loader(args: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(args.request, args.context, args.params.course);
  const { t } = await requestTranslator(args, "authoring");
  const images = await courseImages(db, course.id);
  return {
    title: pageTitle(t("media.title"), t("title")),
    course,
    images: images.map((i) => ({ ...i, snippet: figureSnippet(i), ...imageSrcSet(i.hash, i.widths) })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { request, context, params } = args;
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const { t } = await requestTranslator(args, "authoring");
  const upload = await readImageUpload(request);
  if ("error" in upload)
    return data({ ok: false as const, message: say(t, upload.error), snippet: null }, upload.status);
  const stored = await storeImage(db, {
    bytes: upload.bytes,
    alt: upload.alt,
    courseId: course.id,
    uploadedById: user.id,
  });
  if (!stored.ok) return data({ ok: false as const, message: say(t, stored.error), snippet: null }, 400);
  return data({
    ok: true as const,
    message: t("media.uploaded", {
      width: stored.asset.width,
      height: stored.asset.height,
      count: stored.asset.widths.length,
    }),
    snippet: figureSnippet(stored.asset),
  });
}

/** The upload form: works without JavaScript (a plain multipart post). */
function UploadForm({ action }: { action: string }) {
  const pending = useIsPending();
  const { t } = useTranslation("authoring");
  return (
    <Form method="post" action={action} encType="multipart/form-data" className="grid max-w-xl gap-3">
      <div>
        <label htmlFor="image-file" className="field-label">
          {t("media.form.file")}
        </label>
        <input
          id="image-file"
          name="file"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          required
          className="block"
        />
      </div>
      <div>
        <label htmlFor="image-alt" className="field-label">
          {t("media.form.alt")}
        </label>
        <p id="image-alt-hint" className="text-sm muted">
          {t("media.form.altHint")}
        </p>
        <input
          id="image-alt"
          name="alt"
          required
          maxLength={MAX_ALT_LENGTH}
          aria-describedby="image-alt-hint"
          className="field-input"
        />
      </div>
      <div>
        <button type="submit" className="btn-secondary" disabled={pending}>
          {pending ? t("media.form.pending") : t("media.form.submit")}
        </button>
      </div>
    </Form>
  );
}

export default function CourseImages() {
  const { course, images } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("authoring");
  return (
    <div>
      <p className="text-sm muted">
        <Link to={paths.author()}>{t("title")}</Link> {t("breadcrumb.separator")}{" "}
        <Link to={paths.authorCourse(course)}>{course.title}</Link> {t("breadcrumb.separator")}
      </p>
      <h1 className="text-3xl font-bold">{t("media.title")}</h1>
      <p className="mt-2 muted">{t("media.intro")}</p>
      {result && (
        <div role={result.ok ? "status" : "alert"} className={result.ok ? "mt-4" : "field-error mt-4"}>
          <p className="font-medium">{result.message}</p>
          {result.snippet && (
            <pre
              dir="ltr"
              className="mt-2 whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-sm dark:bg-slate-800"
            >
              {result.snippet}
            </pre>
          )}
        </div>
      )}
      <div className="mt-6">
        <UploadForm action={paths.authorMedia(course)} />
      </div>
      <h2 className="mt-10 text-xl font-semibold">{t("media.list.heading")}</h2>
      {images.length === 0 ? (
        <p className="mt-2">{t("media.list.none")}</p>
      ) : (
        <ul className="mt-3 grid gap-4 sm:grid-cols-2">
          {images.map((i) => (
            <li key={i.hash} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <img
                src={i.src}
                srcSet={i.srcSet}
                sizes="(min-width: 640px) 20rem, 100vw"
                alt={i.alt}
                width={i.width}
                height={i.height}
                loading="lazy"
                className="h-auto max-w-full"
              />
              <pre dir="ltr" className="mt-2 whitespace-pre-wrap break-all text-xs">
                {i.snippet}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
