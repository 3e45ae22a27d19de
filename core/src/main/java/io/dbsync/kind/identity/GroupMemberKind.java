package io.dbsync.kind.identity;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * databricks_group_member: group_id + member_id (a user, group or service principal). Emitted by
 * {@link GroupKind} into the group's file. Removing the importing admin from admins is refused:
 * it would take the import's own rights away mid-run.
 */
public final class GroupMemberKind extends ScimPairKind {
  public static final String TYPE = "databricks_group_member";

  public GroupMemberKind() {
    super(TYPE, "Users, groups, group members (nested), service principals", Scim.Collection.GROUPS, "group_id", "member_id", "members");
  }

  @Override
  boolean keep(WorkspaceClient client, String groupId, String memberId) {
    if (!memberId.equals(Scim.text(Scim.me(client), "id"))) {
      return false;
    }
    ObjectNode group = Scim.get(client, Scim.Collection.GROUPS, groupId);
    return group != null && IdentitySelection.ADMINS.equals(Scim.text(group, "displayName"));
  }
}
