// The pages a server process asks of itself before it takes connections (see scripts/warm-up.ts):
// the ones open to everyone that visitors load most — the home page, the catalogue, each course's
// page and its first lesson (open without enrolling) — so that the code of the whole request path,
// the lesson player's rendering included, is optimised before the first learner waits on it.
import { flattenLessons } from "~/content/catalogue";
import { getCatalogue } from "~/content/catalogue.server";
import { isPreviewLesson } from "~/learning/flow";
import { paths } from "~/paths";

/** The addresses to warm up with; the catalogue must be loaded (ensureCatalogue). */
export function warmUpPaths(): string[] {
  return [
    "/",
    paths.courses(),
    ...getCatalogue().courses.flatMap((course) => [
      paths.course(course),
      ...flattenLessons(course)
        .filter((_, index) => isPreviewLesson(index))
        .map(({ module, lesson }) => paths.lesson(course, module, lesson)),
    ]),
  ];
}
