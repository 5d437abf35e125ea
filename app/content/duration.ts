// How long a course takes: the one figure the editorial rules and the pages share.

/** Minutes allowed per graded quiz question (module quizzes and the final assessment). */
export const MINUTES_PER_QUESTION = 1;

type CourseShape = {
  modules: { lessons: { minutes: number }[]; quiz: { questions: unknown[] } | null }[];
  finalAssessment: { questions: unknown[] } | null;
};

/** The course's computed duration: the lessons' minutes plus a minute per graded question. */
export function courseMinutes(course: CourseShape): number {
  const lessons = course.modules.reduce((sum, m) => sum + m.lessons.reduce((s, l) => s + l.minutes, 0), 0);
  const questions =
    course.modules.reduce((sum, m) => sum + (m.quiz?.questions.length ?? 0), 0) +
    (course.finalAssessment?.questions.length ?? 0);
  return lessons + questions * MINUTES_PER_QUESTION;
}
