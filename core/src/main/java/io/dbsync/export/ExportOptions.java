package io.dbsync.export;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.config.ExportConfig;
import io.dbsync.crypto.PgpRecipient;
import io.dbsync.git.GitTarget;
import io.dbsync.kind.KindRegistry;
import io.dbsync.lock.LockInfo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything an export run needs. Build with {@link #builder}; only client, config and target are
 * required.
 *
 * @param client          source workspace (build it with client.Clients to get API-call counts)
 * @param config          the parsed export YAML
 * @param kinds           kinds to export from (default: KindRegistry.standard())
 * @param target          local repository path or SSH URL
 * @param branch          branch to commit to, created when missing (null: the repository's current/default)
 * @param dryRun          export and report the changes, but write nothing to git or the local repository
 * @param sshKey          private key for SSH targets (null: the SSH directory's default keys)
 * @param sshDirectory    keys, config and known_hosts for SSH (null: ~/.ssh)
 * @param jsonReport      write the report as JSON here (null: do not)
 * @param excelReport     write the report as an .xlsx workbook here (null: do not)
 * @param parallelism     concurrent listings / object exports (0, the default: {@link Exporter#defaultParallelism},
 *                        16 when the client paces itself, else 8)
 * @param providerVersion version constraint for the databricks provider in main.tf.json (null: none)
 * @param out             the summary table goes here (null: nowhere)
 * @param listener        progress events (default: none; the CLI passes its console progress bar)
 * @param clock           time source for the tag name and the report
 * @param safeguards      what the export refuses without being told (unselected kinds' files, mass deletions)
 * @param discardLocalChanges  discard uncommitted changes under exports/ of a local repository instead of stopping
 * @param who             the repository lock holder's name (default user@host)
 * @param secretValues    export secret values encrypted to this key (null: values are not exported)
 */
public record ExportOptions(WorkspaceClient client, ExportConfig config, KindRegistry kinds, GitTarget target,
                            String branch, boolean dryRun, Path sshKey, Path sshDirectory, Path jsonReport,
                            Path excelReport, int parallelism, String providerVersion, PrintStream out,
                            ExportListener listener, Clock clock, Safeguards safeguards, boolean discardLocalChanges,
                            String who, PgpRecipient secretValues) {
  public ExportOptions {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(target, "target");
    kinds = kinds != null ? kinds : KindRegistry.standard();
    parallelism = parallelism > 0 ? parallelism : Exporter.defaultParallelism(client);
    listener = listener != null ? listener : ExportListener.NONE;
    clock = clock != null ? clock : Clock.systemUTC();
    safeguards = safeguards != null ? safeguards : Safeguards.DEFAULT;
    who = who != null ? who : System.getProperty("user.name", "unknown") + "@" + LockInfo.thisHost();
  }

  public static Builder builder(WorkspaceClient client, ExportConfig config, GitTarget target) {
    return new Builder(client, config, target);
  }

  public static final class Builder {
    private final WorkspaceClient client;
    private final ExportConfig config;
    private final GitTarget target;
    private KindRegistry kinds;
    private String branch;
    private boolean dryRun;
    private Path sshKey;
    private Path sshDirectory;
    private Path jsonReport;
    private Path excelReport;
    private int parallelism;
    private String providerVersion;
    private PrintStream out;
    private ExportListener listener;
    private Clock clock;
    private Safeguards safeguards;
    private boolean discardLocalChanges;
    private String who;
    private PgpRecipient secretValues;

    private Builder(WorkspaceClient client, ExportConfig config, GitTarget target) {
      this.client = client;
      this.config = config;
      this.target = target;
    }

    public Builder kinds(KindRegistry v) { kinds = v; return this; }
    public Builder branch(String v) { branch = v; return this; }
    public Builder dryRun(boolean v) { dryRun = v; return this; }
    public Builder sshKey(Path v) { sshKey = v; return this; }
    public Builder sshDirectory(Path v) { sshDirectory = v; return this; }
    public Builder jsonReport(Path v) { jsonReport = v; return this; }
    public Builder excelReport(Path v) { excelReport = v; return this; }
    public Builder parallelism(int v) { parallelism = v; return this; }
    public Builder providerVersion(String v) { providerVersion = v; return this; }
    public Builder out(PrintStream v) { out = v; return this; }
    public Builder listener(ExportListener v) { listener = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }
    public Builder safeguards(Safeguards v) { safeguards = v; return this; }
    public Builder discardLocalChanges(boolean v) { discardLocalChanges = v; return this; }
    public Builder who(String v) { who = v; return this; }
    public Builder secretValues(PgpRecipient v) { secretValues = v; return this; }

    public ExportOptions build() {
      return new ExportOptions(client, config, kinds, target, branch, dryRun, sshKey, sshDirectory, jsonReport,
          excelReport, parallelism, providerVersion, out, listener, clock, safeguards, discardLocalChanges, who,
          secretValues);
    }
  }
}
