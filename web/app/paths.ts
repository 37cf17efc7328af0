/** The change-password page: where a user whose password must be changed is kept (S02). */
export const PASSWORD_PATH = '/account/password';
