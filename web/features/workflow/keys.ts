/**
 * Query keys of to-dos, approvals and notifications, in a module of their own: the header bell
 * (first load) and the lazy pages share them without the header pulling the pages in.
 */
export const WORKFLOW_KEY = ['workflow'] as const;
export const TODOS_KEY = [...WORKFLOW_KEY, 'todos'] as const;
export const NOTIFICATIONS_KEY = ['notifications'] as const;
export const UNREAD_COUNT_KEY = [...NOTIFICATIONS_KEY, 'unread-count'] as const;
/** The pairing list shows an exception's approval state: it changes with a decision. */
export const PAIRINGS_KEY = ['pairings'] as const;
