package io.dbsync.emulator;

import io.dbsync.emulator.auth.Credentials;
import io.dbsync.emulator.auth.Principal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * What families share: id generators, the clock, the built-in admin, the cloud, the tokens issued
 * to principals, and access to each other
 * (creating a SCIM user creates /Users/<name>; permissions must know whether an object exists).
 * Ids are deterministic for a given seed so that tests and golden files are stable.
 */
public final class Workspace {
  private final Map<Class<? extends Family>, Family> families = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong(1000);
  private final RandomGenerator random;
  private final Clock clock;
  private final String adminUser;
  private final EmulatorOptions options;
  private final Map<String, Predicate<String>> permissionObjects = new ConcurrentHashMap<>();
  private final Cloud cloud;
  private final Credentials credentials = new Credentials();

  public Workspace(long randomSeed, Clock clock, String adminUser) {
    this(randomSeed, clock, adminUser, new EmulatorOptions());
  }

  public Workspace(long randomSeed, Clock clock, String adminUser, Cloud cloud) {
    this(randomSeed, clock, adminUser, withCloud(cloud));
  }

  /** With the options the emulator runs with: families read their own settings (cloud, workspace id, metastore). */
  public Workspace(long randomSeed, Clock clock, String adminUser, EmulatorOptions options) {
    this.random = new SplittableRandom(randomSeed);
    this.clock = clock;
    this.adminUser = adminUser;
    this.options = options;
    this.cloud = options.cloud;
  }

  private static EmulatorOptions withCloud(Cloud cloud) {
    EmulatorOptions o = new EmulatorOptions();
    o.cloud = cloud;
    return o;
  }

  public EmulatorOptions options() {
    return options;
  }

  public void add(Family family) {
    families.put(family.getClass(), family);
  }

  public <F extends Family> F family(Class<F> type) {
    Family f = families.get(type);
    if (f == null) {
      throw new IllegalStateException("family not registered: " + type.getSimpleName());
    }
    return type.cast(f);
  }

  public Iterable<Family> families() {
    return families.values();
  }

  /**
   * Families that own objects with permissions register an existence check under the request object
   * type of /api/2.0/permissions/{type}/{id} ("clusters", "jobs", "notebooks", "authorization"...).
   */
  public void registerPermissionObject(String requestObjectType, Predicate<String> exists) {
    permissionObjects.put(requestObjectType, exists);
  }

  /** Null when no family registered the type; else whether the object exists. */
  public Boolean permissionObjectExists(String requestObjectType, String id) {
    var p = permissionObjects.get(requestObjectType);
    return p == null ? null : p.test(id);
  }

  /** The built-in workspace admin: the default token (any token not issued to someone else) acts as this user. */
  public String adminUser() {
    return adminUser;
  }

  public Principal adminPrincipal() {
    return Principal.user(adminUser);
  }

  /** The cloud this workspace runs on (node types, cluster attribute blocks, instance profiles). */
  public Cloud cloud() {
    return cloud;
  }

  /** Tokens issued to principals (personal access tokens, OAuth access tokens). */
  public Credentials credentials() {
    return credentials;
  }

  public long now() {
    return clock.millis();
  }

  /** Next numeric id (jobs, workspace objects, SCIM ids, DBFS handles). */
  public synchronized long nextId() {
    return sequence.incrementAndGet() * 7919 + random.nextInt(1000);
  }

  /** 16 upper-case hex chars, as for policy and global init script ids. */
  public synchronized String hexId16() {
    return String.format("%016X", random.nextLong() & Long.MAX_VALUE).substring(0, 16);
  }

  /** A cluster-style id: MMDD-HHMMSS-xxxxxxxx. */
  public synchronized String clusterId() {
    var t = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return String.format("%02d%02d-%02d%02d%02d-%s", t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
        t.getMinute(), t.getSecond(), alnum(8));
  }

  public synchronized String alnum(int n) {
    String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(chars.charAt(random.nextInt(chars.length())));
    }
    return sb.toString();
  }

  public synchronized String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
