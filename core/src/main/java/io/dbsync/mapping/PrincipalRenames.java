package io.dbsync.mapping;

import java.util.Map;
import java.util.Optional;

/**
 * Principal renames of the mapping file: user names (emails), group display names and service
 * principal application ids, each source name to the target's.
 */
public record PrincipalRenames(Map<String, String> users, Map<String, String> groups,
                               Map<String, String> servicePrincipals) {
  public static final PrincipalRenames NONE = new PrincipalRenames(Map.of(), Map.of(), Map.of());

  public PrincipalRenames {
    users = Map.copyOf(users);
    groups = Map.copyOf(groups);
    servicePrincipals = Map.copyOf(servicePrincipals);
  }

  public boolean isEmpty() {
    return users.isEmpty() && groups.isEmpty() && servicePrincipals.isEmpty();
  }

  /** The renames of one kind of principal. */
  public Map<String, String> of(PrincipalKind kind) {
    return switch (kind) {
      case USER -> users;
      case GROUP -> groups;
      case SERVICE_PRINCIPAL -> servicePrincipals;
    };
  }

  /** The new name of {@code name} as a principal of {@code kind}, if the file renames it. */
  public Optional<String> rename(PrincipalKind kind, String name) {
    return Optional.ofNullable(of(kind).get(name));
  }
}
