/** The case file: comments, giving a claimed task back, finding an applicant's applications. */
export { addComment, COMMENT_MAX_LENGTH, COMMENT_OFFICES, type CommentOffice, type CommentOptions } from './comment.js';
export { unclaimTask, type UnclaimOptions } from './unclaimTask.js';
export { findApplications, MIN_NAME_SEARCH, type ApplicantQuery } from './findApplications.js';
