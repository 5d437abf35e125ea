/** The academy's name as an issuer of certificates. */
export const ACADEMY_NAME = "Green Digital Academy";
