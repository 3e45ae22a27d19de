package io.dbsync.emulator.auth;

/**
 * Who a request acts as: a user (named by userName) or a service principal (named by its
 * applicationId), the same names secret ACLs and permission grants use.
 */
public record Principal(String name, Kind kind) {
  public enum Kind { USER, SERVICE_PRINCIPAL }

  public static Principal user(String userName) {
    return new Principal(userName, Kind.USER);
  }

  public static Principal servicePrincipal(String applicationId) {
    return new Principal(applicationId, Kind.SERVICE_PRINCIPAL);
  }

  public boolean isServicePrincipal() {
    return kind == Kind.SERVICE_PRINCIPAL;
  }
}
