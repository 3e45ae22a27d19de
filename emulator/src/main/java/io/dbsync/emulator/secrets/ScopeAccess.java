package io.dbsync.emulator.secrets;

import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.auth.Principal;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.scim.ScimFamily;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what in a secret scope, as the Secrets API documents it: workspace admins have MANAGE
 * on every scope; anyone else has the highest of the ACL entries for their own name and for every
 * group they belong to ("users" included). READ lists and reads secrets, WRITE also puts and
 * deletes them, MANAGE also changes ACLs and deletes the scope.
 */
final class ScopeAccess {
  static final List<String> LEVELS = List.of("READ", "WRITE", "MANAGE");

  private final Workspace ws;

  ScopeAccess(Workspace ws) {
    this.ws = ws;
  }

  boolean isAdmin(Principal caller) {
    return scim().isWorkspaceAdmin(caller);
  }

  /** The caller's effective level on a scope with these ACLs, or null when it has none. */
  String level(Map<String, String> acls, Principal caller) {
    if (isAdmin(caller)) {
      return "MANAGE";
    }
    Set<String> names = scim().groupNames(caller);
    names.add(caller.name());
    String best = null;
    for (Map.Entry<String, String> e : acls.entrySet()) {
      boolean mine = names.stream().anyMatch(n -> n.equalsIgnoreCase(e.getKey()));
      if (mine && (best == null || LEVELS.indexOf(e.getValue()) > LEVELS.indexOf(best))) {
        best = e.getValue();
      }
    }
    return best;
  }

  /** 403 PERMISSION_DENIED unless the caller holds at least {@code needed} on the scope. */
  void require(Map<String, String> acls, Principal caller, String needed, String scope) {
    String have = level(acls, caller);
    if (have == null || LEVELS.indexOf(have) < LEVELS.indexOf(needed)) {
      // message text unverified: the API documents only the PERMISSION_DENIED code
      throw new ApiException(403, "PERMISSION_DENIED",
          "User " + caller.name() + " does not have " + needed + " permission on scope " + scope + ".");
    }
  }

  private ScimFamily scim() {
    return ws.family(ScimFamily.class);
  }
}
