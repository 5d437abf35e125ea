import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { db } from "~/db/db.server";
import { readImageUpload } from "~/http/upload.server";
import { useIsPending } from "~/lib/use-is-pending";
import { MAX_ALT_LENGTH } from "~/media/media";
import { courseImages, figureSnippet, imageSrcSet, storeImage } from "~/media/media.server";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Images", "Authoring") }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(request, context, params.course);
  const images = await courseImages(db, course.id);
  return {
    course,
    images: images.map((i) => ({ ...i, snippet: figureSnippet(i), ...imageSrcSet(i.hash, i.widths) })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const upload = await readImageUpload(request);
  if ("error" in upload) return data({ ok: false as const, message: upload.error, snippet: null }, upload.status);
  const stored = await storeImage(db, {
    bytes: upload.bytes,
    alt: upload.alt,
    courseId: course.id,
    uploadedById: user.id,
  });
  if (!stored.ok) return data({ ok: false as const, message: stored.error, snippet: null }, 400);
  return data({
    ok: true as const,
    message: `Uploaded: ${stored.asset.width} × ${stored.asset.height} px, stored as WebP in ${stored.asset.widths.length} width(s). Copy the line below into a lesson.`,
    snippet: figureSnippet(stored.asset),
  });
}

/** The upload form: works without JavaScript (a plain multipart post). */
function UploadForm({ action }: { action: string }) {
  const pending = useIsPending();
  return (
    <Form method="post" action={action} encType="multipart/form-data" className="grid max-w-xl gap-3">
      <div>
        <label htmlFor="image-file" className="field-label">
          Image (PNG, JPEG or WebP, at most 5 MB)
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
          Text alternative
        </label>
        <p id="image-alt-hint" className="text-sm muted">
          What the image shows, for people who cannot see it. Required.
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
          {pending ? "Uploading…" : "Upload image"}
        </button>
      </div>
    </Form>
  );
}

export default function CourseImages() {
  const { course, images } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <p className="text-sm muted">
        <Link to={paths.author()}>Authoring</Link> › <Link to={paths.authorCourse(course)}>{course.title}</Link> ›
      </p>
      <h1 className="text-3xl font-bold">Images</h1>
      <p className="mt-2 muted">
        Uploaded images are checked, stripped of their metadata (such as location) and stored as WebP in several sizes,
        so each reader downloads only the size their screen needs.
      </p>
      {result && (
        <div role={result.ok ? "status" : "alert"} className={result.ok ? "mt-4" : "field-error mt-4"}>
          <p className="font-medium">{result.message}</p>
          {result.snippet && (
            <pre className="mt-2 whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-sm dark:bg-slate-800">
              {result.snippet}
            </pre>
          )}
        </div>
      )}
      <div className="mt-6">
        <UploadForm action={paths.authorMedia(course)} />
      </div>
      <h2 className="mt-10 text-xl font-semibold">This course’s images</h2>
      {images.length === 0 ? (
        <p className="mt-2">No images uploaded yet.</p>
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
              <pre className="mt-2 whitespace-pre-wrap break-all text-xs">{i.snippet}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
