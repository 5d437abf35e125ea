import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { languageName, languageOf } from "~/i18n/config";
import { needMessages } from "~/i18n/messages";
import { useDataSaver } from "~/lib/data-saver";
import { paths } from "~/paths";

await needMessages("components");

/** Covers are drawn at 16:9, 320 × 180: the attributes reserve their space before they load. */
export const COVER_WIDTH = 320;
export const COVER_HEIGHT = 180;

/**
 * A course's cover illustration. Decorative (the course title is always beside it), so its text
 * alternative is empty, and it is left out in data-saver mode. Images below the first screen load lazily.
 */
export function CourseCover({
  src,
  eager = false,
  className = "",
}: {
  src: string | null;
  eager?: boolean;
  className?: string;
}) {
  const dataSaver = useDataSaver();
  if (!src || dataSaver) return null;
  return (
    <img
      src={src}
      alt=""
      width={COVER_WIDTH}
      height={COVER_HEIGHT}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      className={`block h-auto w-full dark:brightness-90 ${className}`}
    />
  );
}

export type CourseCardData = {
  slug: string;
  title: string;
  summary: string;
  cover: string | null;
  /** The course's language: its title and summary are marked with it (and its direction). */
  language?: string;
  /** The same course in other languages, each named in itself. */
  otherLanguages?: { slug: string; language: string; title: string }[];
};

/**
 * A course in a grid: cover, title (the link), summary, then what the page adds (facts, progress).
 * `badge` marks a course out, e.g. "Start here".
 */
export function CourseCard({
  course,
  href,
  heading: Heading = "h2",
  eager = false,
  badge,
  children,
}: {
  course: CourseCardData;
  href: string;
  heading?: "h2" | "h3";
  eager?: boolean;
  badge?: string;
  children?: ReactNode;
}) {
  return (
    <div className="flex h-full flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <CourseCover src={course.cover} eager={eager} className="border-b border-slate-200 dark:border-slate-700" />
      <div className="flex flex-1 flex-col p-5">
        {badge && (
          <p className="mb-2 self-start rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-bold uppercase tracking-wide text-brand-800 dark:bg-emerald-950 dark:text-emerald-200">
            {badge}
          </p>
        )}
        <Heading className="text-xl font-semibold" {...languageOf(course.language)}>
          <Link to={href}>{course.title}</Link>
        </Heading>
        <p className="mt-2 flex-1 muted" {...languageOf(course.language)}>
          {course.summary}
        </p>
        {children}
        {course.otherLanguages && course.otherLanguages.length > 0 && <AlsoIn courses={course.otherLanguages} />}
      </div>
    </div>
  );
}

/** Links to the same course in other languages, each named in itself. */
export function AlsoIn({ courses }: { courses: { slug: string; language: string; title: string }[] }) {
  const { t } = useTranslation("components");
  return (
    <p className="mt-3 text-sm">
      {t("course.alsoIn")}{" "}
      {courses.map((c, i) => (
        <span key={c.slug}>
          {i > 0 && " · "}
          <Link to={paths.course(c)} {...languageOf(c.language)}>
            {languageName(c.language)}
            <span className="sr-only">: {c.title}</span>
          </Link>
        </span>
      ))}
    </p>
  );
}

/** Short facts about a course (duration, level, …) as a description list. */
export function CourseFacts({ facts }: { facts: [term: string, value: string][] }) {
  const { t } = useTranslation("components");
  return (
    <dl className="mt-4 flex flex-wrap gap-x-5 gap-y-1 text-sm">
      {facts.map(([term, value]) => (
        <div key={term} className="flex gap-1">
          <dt className="muted">{t("courseFacts.term", { term })}</dt>
          <dd className="font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
