// Typed wrappers around the team commands (Settings → Team).
import type { KeepCopy } from "../bindings/KeepCopy";
import type { SharedAccess } from "../bindings/SharedAccess";
import type { TeamItemKind } from "../bindings/TeamItemKind";
import type { TeamItemView } from "../bindings/TeamItemView";
import type { TeamLimits } from "../bindings/TeamLimits";
import type { TeamMember } from "../bindings/TeamMember";
import type { TeamMemberChange } from "../bindings/TeamMemberChange";
import type { TeamStatus } from "../bindings/TeamStatus";
import type { TeamSyncReport } from "../bindings/TeamSyncReport";
import { call } from "./commands";

/** `team_status`: where the team stands (no network). */
export function teamStatus(): Promise<TeamStatus> {
  return call<TeamStatus>("team_status");
}

/** `team_sign_in`: signs in to a team server and pulls what the team shares. */
export function teamSignIn(server: string, email: string, password: string): Promise<TeamStatus> {
  return call<TeamStatus>("team_sign_in", { server, email, password });
}

/** `team_sign_up`: creates a team with me as its admin. */
export function teamSignUp(server: string, email: string, password: string, teamName: string): Promise<TeamStatus> {
  return call<TeamStatus>("team_sign_up", { server, email, password, teamName });
}

/** `team_sign_out`: signs out; copies of shared connections leave this computer. */
export function teamSignOut(): Promise<TeamStatus> {
  return call<TeamStatus>("team_sign_out");
}

/** `team_sync`: pushes offline changes and pulls what the team shares. */
export function teamSync(): Promise<TeamSyncReport> {
  return call<TeamSyncReport>("team_sync");
}

/** `team_connection_access`: who may use one of my connections. */
export function teamConnectionAccess(connectionId: string): Promise<SharedAccess> {
  return call<SharedAccess>("team_connection_access", { connectionId });
}

/** `team_share`: shares my connection with these members (or changes who may use it). */
export function teamShare(connectionId: string, userIds: number[]): Promise<SharedAccess> {
  return call<SharedAccess>("team_share", { connectionId, userIds });
}

/** `team_unshare`: stops sharing my connection. */
export async function teamUnshare(connectionId: string): Promise<void> {
  await call<null>("team_unshare", { connectionId });
}

/** `team_items`: the team's templates or saved queries kept here. */
export function teamItems(kind: TeamItemKind): Promise<TeamItemView[]> {
  return call<TeamItemView[]>("team_items", { kind });
}

/** `team_item_save`: creates (`localId` null) or changes a team item; the next sync sends it. */
export function teamItemSave(
  kind: TeamItemKind,
  localId: number | null,
  name: string,
  body: Record<string, unknown>,
): Promise<TeamItemView> {
  return call<TeamItemView>("team_item_save", { kind, localId, name, body });
}

/** `team_item_delete`: deletes a team item here; the next sync deletes it on the server. */
export async function teamItemDelete(localId: number): Promise<void> {
  await call<null>("team_item_delete", { localId });
}

/** `team_item_resolve`: settles a conflict by keeping one copy. */
export function teamItemResolve(localId: number, keep: KeepCopy): Promise<TeamItemView> {
  return call<TeamItemView>("team_item_resolve", { localId, keep });
}

/** `team_members`: the team's members (admin). */
export function teamMembers(): Promise<TeamMember[]> {
  return call<TeamMember[]>("team_members");
}

/** `team_member_add`: adds a member with an initial password and a role (admin). */
export function teamMemberAdd(email: string, password: string, role: string): Promise<TeamMember> {
  return call<TeamMember>("team_member_add", { email, password, role });
}

/** `team_member_change`: changes a member's role or disables them (admin). */
export function teamMemberChange(id: number, change: TeamMemberChange): Promise<TeamMember> {
  return call<TeamMember>("team_member_change", { id, change });
}

/** `team_member_remove`: removes a member (admin). */
export async function teamMemberRemove(id: number): Promise<void> {
  await call<null>("team_member_remove", { id });
}

/** `team_role_limits`: every role's query limits (admin). */
export function teamRoleLimits(): Promise<TeamLimits[]> {
  return call<TeamLimits[]>("team_role_limits");
}

/** `team_role_limits_set`: sets one role's query limits (admin). */
export function teamRoleLimitsSet(limits: TeamLimits): Promise<TeamLimits> {
  return call<TeamLimits>("team_role_limits_set", { limits });
}
