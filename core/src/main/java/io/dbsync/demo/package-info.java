/**
 * The demo workspace: {@link io.dbsync.demo.SampleWorkspace} creates one object of every kind through
 * the REST API (the CLI's {@code demo} command and the benchmarks use it).
 */
package io.dbsync.demo;
