package io.dbsync.mapping;

/**
 * What an instance profile ARN becomes in the target: nothing ({@link #DROP}: removed from every
 * cluster, pool, warehouse and assignment), another ARN (an account move on AWS), or a Unity Catalog
 * storage credential that takes over its data access (removed like DROP; the plan names the credential
 * and who held the profile, so their grants on it can follow).
 */
public record ProfileTarget(String arn, String ucCredential) {
  public static final ProfileTarget DROP = new ProfileTarget(null, null);

  public boolean drops() {
    return arn == null;
  }
}
