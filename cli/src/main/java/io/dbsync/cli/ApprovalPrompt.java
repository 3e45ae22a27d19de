package io.dbsync.cli;

import io.dbsync.importer.Approval;
import io.dbsync.plan.Plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * terraform apply's confirmation: after the plan, "Do you want to perform these actions?", and only
 * "yes" approves. Asked only on a terminal and without --auto-approve; without a terminal (CI,
 * pipes) the apply proceeds, as it always has.
 */
final class ApprovalPrompt implements Approval {
  private final BufferedReader in;
  private final PrintStream out;

  ApprovalPrompt(InputStream in, PrintStream out) {
    this.in = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
    this.out = out;
  }

  /** The prompt on stdin when this is an interactive terminal and --auto-approve was not given. */
  static Approval forThisRun(boolean autoApprove, PrintStream out) {
    return autoApprove || !Progress.isTerminal() ? Approval.ALWAYS : new ApprovalPrompt(System.in, out);
  }

  @Override
  public boolean approve(Plan plan) throws IOException {
    out.println();
    out.println("Do you want to perform these actions?");
    out.println("  databricks-sync will perform the actions described above.");
    out.println("  Only 'yes' will be accepted to approve.");
    out.println();
    out.print("  Enter a value: ");
    out.flush();
    String answer = in.readLine();
    out.println();
    return answer != null && answer.strip().equals("yes");
  }
}
