// The data retention purge (services/privacy/retention.service.ts): once at start-up and then every
// hour (at minute 37, away from the report sweep at minute 7), each shop with a retention setting loses
// the messages, logs and copies of deleted records older than its periods. One purge runs at a time in
// this process; purges of several processes skip the shops another one holds.
import { defineHook } from '@directus/extensions-sdk';
import { purgeExpiredData } from '../../services/privacy/index.ts';

export default defineHook(({ init, schedule }, { database, logger }) => {
  let purging = false;
  const purge = async (): Promise<void> => {
    if (purging) return;
    purging = true;
    try {
      const purged = await purgeExpiredData(database);
      if (purged.size > 0) logger.info(`data retention: old data purged in ${String(purged.size)} shops`);
    } catch (error) {
      logger.error(error, 'data retention: the purge failed');
    } finally {
      purging = false;
    }
  };
  init('app.after', () => {
    void purge();
  });
  schedule('37 * * * *', purge);
});
