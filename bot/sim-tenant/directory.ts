import type { Seed, SeedDirectoryRole, SeedEntraDevice, SeedGroup, SeedUser } from './seed.js';

export type DirectoryObject =
  | { type: 'user'; object: SeedUser }
  | { type: 'group'; object: SeedGroup }
  | { type: 'device'; object: SeedEntraDevice }
  | { type: 'directoryRole'; object: SeedDirectoryRole };

export type DirectoryObjectType = DirectoryObject['type'];

/**
 * Membership lookups over the seed. It is built per request because tests may edit the seed
 * between requests, and the seed is small enough for a rebuild per request to stay cheap.
 */
export class Directory {
  private readonly objects = new Map<string, DirectoryObject>();
  private readonly groupsByMember = new Map<string, SeedGroup[]>();
  private readonly rolesByMember = new Map<string, SeedDirectoryRole[]>();
  private readonly usersByUpn = new Map<string, SeedUser>();

  constructor(private readonly seed: Seed) {
    for (const user of seed.users) {
      this.objects.set(user.id, { type: 'user', object: user });
      this.usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
    }
    for (const group of seed.groups) {
      this.objects.set(group.id, { type: 'group', object: group });
      for (const memberId of group.members) {
        append(this.groupsByMember, memberId, group);
      }
    }
    for (const device of seed.devices) {
      this.objects.set(device.id, { type: 'device', object: device });
    }
    for (const role of seed.directoryRoles) {
      this.objects.set(role.id, { type: 'directoryRole', object: role });
      for (const memberId of role.members) {
        append(this.rolesByMember, memberId, role);
      }
    }
  }

  find(id: string): DirectoryObject | undefined {
    return this.objects.get(id.toLowerCase());
  }

  /** Finds a user by object id or user principal name, as /users/{id | userPrincipalName} does. */
  findUser(idOrUpn: string): SeedUser | undefined {
    const byId = this.objects.get(idOrUpn.toLowerCase());
    if (byId?.type === 'user') {
      return byId.object;
    }
    return this.usersByUpn.get(idOrUpn.toLowerCase());
  }

  findGroup(id: string): SeedGroup | undefined {
    const found = this.objects.get(id.toLowerCase());
    return found?.type === 'group' ? found.object : undefined;
  }

  /** Direct memberships: groups and directory roles whose members list the object. */
  memberOf(id: string): DirectoryObject[] {
    const groups = (this.groupsByMember.get(id) ?? []).map((group): DirectoryObject => ({ type: 'group', object: group }));
    const roles = (this.rolesByMember.get(id) ?? []).map((role): DirectoryObject => ({ type: 'directoryRole', object: role }));
    return [...groups, ...roles];
  }

  /** Lists every group the object belongs to directly or through nested groups, nearest first, each once. */
  transitiveGroups(id: string): SeedGroup[] {
    const found: SeedGroup[] = [];
    const seen = new Set<string>();
    let frontier = [id];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const memberId of frontier) {
        for (const group of this.groupsByMember.get(memberId) ?? []) {
          if (seen.has(group.id)) {
            continue;
          }
          seen.add(group.id);
          found.push(group);
          next.push(group.id);
        }
      }
      frontier = next;
    }
    return found;
  }

  /**
   * Lists transitive memberships: all groups, plus the directory roles assigned to the object itself.
   * NOTE: roles assigned through a role-assignable group are left out. Whether Graph lists them here
   * is not documented, so the bot must find them through transitiveRoleAssignments or the role's members.
   */
  transitiveMemberOf(id: string): DirectoryObject[] {
    const groups = this.transitiveGroups(id).map((group): DirectoryObject => ({ type: 'group', object: group }));
    const roles = (this.rolesByMember.get(id) ?? []).map((role): DirectoryObject => ({ type: 'directoryRole', object: role }));
    return [...groups, ...roles];
  }

  directMembers(groupId: string): DirectoryObject[] {
    const group = this.findGroup(groupId);
    return (group?.members ?? []).flatMap((memberId) => {
      const member = this.objects.get(memberId);
      return member === undefined ? [] : [member];
    });
  }

  /** Members of the group and of every nested group, each once; nested groups themselves are listed too. */
  transitiveMembers(groupId: string): DirectoryObject[] {
    const found: DirectoryObject[] = [];
    const seen = new Set<string>([groupId]);
    let frontier = [groupId];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const member of this.directMembers(id)) {
          if (seen.has(member.object.id)) {
            continue;
          }
          seen.add(member.object.id);
          found.push(member);
          if (member.type === 'group') {
            next.push(member.object.id);
          }
        }
      }
      frontier = next;
    }
    return found;
  }

  roleMembers(role: SeedDirectoryRole): DirectoryObject[] {
    return role.members.flatMap((memberId) => {
      const member = this.objects.get(memberId);
      return member === undefined ? [] : [member];
    });
  }
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) {
    map.set(key, [value]);
    return;
  }
  list.push(value);
}

// ---------------------------------------------------------------- serialisation

/** Properties GET /users returns without $select, as Graph v1.0 does. */
export const defaultUserProperties = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id',
] as const;

export function userResource(user: SeedUser): Record<string, unknown> {
  return {
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: user.officeLocation,
    preferredLanguage: 'en-US',
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    accountEnabled: user.accountEnabled,
    department: user.department,
    city: user.city,
    usageLocation: user.usageLocation,
    userType: 'Member',
  };
}

export function groupResource(group: SeedGroup, domain: string): Record<string, unknown> {
  return {
    id: group.id,
    displayName: group.displayName,
    description: group.description,
    mailNickname: group.mailNickname,
    mail: group.mailEnabled ? `${group.mailNickname}@${domain}` : null,
    mailEnabled: group.mailEnabled,
    securityEnabled: group.securityEnabled,
    groupTypes: group.groupTypes,
    isAssignableToRole: group.isAssignableToRole,
    createdDateTime: group.createdDateTime,
    visibility: group.groupTypes.includes('Unified') ? 'Private' : null,
  };
}

export function deviceResource(device: SeedEntraDevice): Record<string, unknown> {
  return { ...device };
}

export function directoryRoleResource(role: SeedDirectoryRole): Record<string, unknown> {
  return {
    id: role.id,
    deletedDateTime: null,
    description: role.description,
    displayName: role.displayName,
    roleTemplateId: role.roleTemplateId,
  };
}

/** Builds the row of a directory object (all its properties and its @odata.type) for filtering and output. */
export function directoryObjectRow(entry: DirectoryObject, domain: string): Record<string, unknown> {
  switch (entry.type) {
    case 'user':
      return { '@odata.type': '#microsoft.graph.user', ...userResource(entry.object) };
    case 'group':
      return { '@odata.type': '#microsoft.graph.group', ...groupResource(entry.object, domain) };
    case 'device':
      return { '@odata.type': '#microsoft.graph.device', ...deviceResource(entry.object) };
    case 'directoryRole':
      return { '@odata.type': '#microsoft.graph.directoryRole', ...directoryRoleResource(entry.object) };
  }
}
