/**
 * What an export run did: per-kind results, failures, warnings, API usage and the changelog
 * ({@link io.dbsync.report.ExportReport}), written as a console table, JSON or an xlsx workbook
 * ({@link io.dbsync.report.ReportWriter}).
 */
package io.dbsync.report;
