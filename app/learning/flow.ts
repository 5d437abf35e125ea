// What comes next in a course: after a lesson, after a quiz, and where "Continue" leads. The one
// home of the course's path; pure, so pages and actions agree.
import { FINAL_QUIZ, flattenLessons, type CatalogueCourse } from "~/content/catalogue";
import { paths } from "~/paths";

export type Step = { kind: "lesson" | "quiz" | "course"; path: string; label: string };

/** The first lesson of a course is open to everyone as a preview; the rest need an enrolment. */
export const isPreviewLesson = (index: number) => index === 0;

/** After a lesson: its module's quiz when it ends a module that has one, else the next lesson, else the final. */
export function stepAfterLesson(course: CatalogueCourse, lessonKey: string): Step {
  const all = flattenLessons(course);
  const index = all.findIndex((l) => l.lesson.key === lessonKey);
  const here = all[index];
  const next = all[index + 1];
  if (here && here.module.quiz && next?.module !== here.module) {
    return { kind: "quiz", path: paths.quiz(course, here.module.slug), label: "take the quiz" };
  }
  if (next) return { kind: "lesson", path: paths.lesson(course, next.module, next.lesson), label: "continue" };
  if (course.finalAssessment)
    return { kind: "quiz", path: paths.quiz(course, FINAL_QUIZ), label: "go to the final assessment" };
  return { kind: "course", path: paths.course(course), label: "finish" };
}

/** After passing a quiz: the next module's first lesson, the final assessment, or the course page. */
export function stepAfterQuiz(course: CatalogueCourse, quizKey: string): Step {
  const index = course.modules.findIndex((m) => m.slug === quizKey);
  const next = index >= 0 ? course.modules[index + 1] : undefined;
  if (next?.lessons[0]) {
    return {
      kind: "lesson",
      path: paths.lesson(course, next, next.lessons[0]),
      label: `Continue with module ${index + 2}: ${next.title}`,
    };
  }
  if (index >= 0 && course.finalAssessment)
    return { kind: "quiz", path: paths.quiz(course, FINAL_QUIZ), label: "Go to the final assessment" };
  return { kind: "course", path: paths.course(course), label: "Back to the course" };
}

/** Where "Continue" leads: the lesson with this key, or the first lesson when it is unknown or empty. */
export function resumePath(course: CatalogueCourse, lessonKey: string | null | undefined): string {
  const all = flattenLessons(course);
  const found = all.find((l) => l.lesson.key === lessonKey) ?? all[0];
  return paths.lesson(course, found.module, found.lesson);
}
