import type { Permission } from '../../shared/permissions';

/**
 * Every route declares who may call it (S06): deny by default. `buildApp` refuses to
 * register an `/api` route without a policy, and the route test lists them all.
 */
export type RoutePolicy =
  | { kind: 'public' }
  /** `passwordChange`: still reachable when the password has expired, to change it (S02) */
  | { kind: 'signedIn'; passwordChange?: boolean }
  | { kind: 'permission'; permission: Permission };

export const publicRoute = (): RoutePolicy => ({ kind: 'public' });
export const signedIn = (opts: { passwordChange?: boolean } = {}): RoutePolicy => ({
  kind: 'signedIn',
  ...opts,
});
export const can = (permission: Permission): RoutePolicy => ({ kind: 'permission', permission });

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}
