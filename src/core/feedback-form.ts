// The feedback form every guide links to ("something is wrong or missing"): the kiosk offers it
// under each guide, and the server counts its answers as reports on that guide. One id for both.
export const FEEDBACK_FORM_ID = 'comentario-guia';
/** Its field where a patron says what is wrong or missing in the guide. */
export const FEEDBACK_PROBLEM_FIELD = 'problema';
