package io.dbsync.mapping;

import java.util.regex.Pattern;

/** The three kinds of workspace principal, with the ACL field and mapping-file section of each. */
public enum PrincipalKind {
  USER("user_name", "users"),
  GROUP("group_name", "groups"),
  SERVICE_PRINCIPAL("service_principal_name", "service_principals");

  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The access_control / run_as field that names a principal of this kind. */
  public final String aclField;
  /** The section under {@code principals:} of the mapping file. */
  public final String section;

  PrincipalKind(String aclField, String section) {
    this.aclField = aclField;
    this.section = section;
  }

  /** The kind an ACL field names, or null when the field names no principal. */
  public static PrincipalKind ofAclField(String field) {
    for (PrincipalKind k : values()) {
      if (k.aclField.equals(field)) {
        return k;
      }
    }
    return null;
  }

  /**
   * The kind a bare principal string most likely is (grants, owners, secret ACLs name principals
   * without saying which): an email is a user, an application id (UUID) a service principal, anything
   * else a group.
   */
  public static PrincipalKind guess(String name) {
    if (name.contains("@")) {
      return USER;
    }
    return UUID.matcher(name).matches() ? SERVICE_PRINCIPAL : GROUP;
  }
}
