/**
 * What a storage run's directory is on: {@link org.assay.probes.storage.MountPoint} (a line of
 * mountinfo) and {@link org.assay.probes.storage.StorageTarget} (file system, mount options and
 * the block device with its model, scheduler, rotational flag and logical block size), read
 * under a root through {@code .internal.SysFiles} so fixture trees can test them. Reads only.
 */
package org.assay.probes.storage;
