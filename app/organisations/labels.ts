// How roles are named on the pages.
export const ORG_ROLE_LABELS: Record<string, string> = {
  owner: "Owner",
  admin: "Admin",
  instructor: "Instructor",
  learner: "Learner",
};
export const COHORT_ROLE_LABELS: Record<string, string> = { learner: "Learner", instructor: "Instructor" };
