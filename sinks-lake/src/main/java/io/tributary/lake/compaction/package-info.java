/**
 * Compaction of plain Parquet lake tables on local disk ({@code tributary compact}; Iceberg tables are
 * compacted by {@link io.tributary.lake.iceberg.IcebergCompactor} in one Iceberg rewrite instead).
 *
 * <p>Readers of plain Parquet list folders, so no order of adding and deleting files hides a merge from
 * them. The unit of change is therefore a whole partition folder: its new content is built in a staging
 * folder outside the table and exchanged with it in one {@code renameat2(RENAME_EXCHANGE)}
 * ({@link io.tributary.lake.compaction.FolderCompactor}, {@link io.tributary.lake.compaction.AtomicFolderSwap}).
 * {@link io.tributary.lake.compaction.ParquetTableCompactor} runs it over a table's closed folders
 * ({@link io.tributary.lake.compaction.ClosedFolders}) under a per-table lock, skipping folders a sink is
 * writing into ({@link io.tributary.lake.compaction.WriterActivity}); merged files are written by
 * {@link io.tributary.lake.compaction.ParquetMerger} and named by
 * {@link io.tributary.lake.compaction.CompactedNames}; {@link io.tributary.lake.compaction.StagingArea}
 * keeps the journal that lets any later run finish a killed one.
 */
package io.tributary.lake.compaction;
