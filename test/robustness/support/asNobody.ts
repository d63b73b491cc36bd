/**
 * A preload that drops root privileges before the program starts: run as root, file modes do not
 * stop reads, so a test of unreadable files runs the server as `nobody` (uid and gid 65534).
 */
if (process.getuid?.() === 0 && process.setuid && process.setgid) {
  process.setgroups?.([]);
  process.setgid(65534);
  process.setuid(65534);
}
