// Tenant isolation on Directus's system surfaces: /files and /assets, /users, /activity,
// /revisions (hole 5), /comments and /settings (hole 6). A Kampala account never reads nor changes
// anything of Entebbe there; refusals are checked in the database too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_IDS } from '../../snapshots/access/roles.ts';
import { as, baseUrl, closeDb, db, shopIds, type Session, type Shops } from '../support/context.ts';
import { freshPhone } from '../support/fixtures.ts';

afterAll(closeDb);

interface ErrorBody {
  errors?: { message: string; extensions: { code: string; field?: string } }[];
}
type Row = Record<string, unknown>;

const codeOf = (body: unknown): string | undefined => (body as ErrorBody).errors?.[0]?.extensions.code;
const SECRET_KEY = /(key|secret|token|password)$/i;

let shops: Shops;
beforeAll(async () => {
  shops = await shopIds();
});

async function myId(session: Session): Promise<string> {
  return (await session.call<{ id: string }>('GET', '/users/me?fields=id')).id;
}

async function userByEmail(email: string): Promise<Row> {
  return (await db()('directus_users').where({ email }).first()) as Row;
}

/**
 * Uploads a file through POST /files (multipart), with optional fields before the file: a minimal
 * PDF holding the text, as uploads are judged by their content (security/uploads.ts).
 */
async function upload(
  session: Session,
  content: string,
  fields: Record<string, string> = {},
): Promise<{ status: number; body: { data?: { id: string } } & Partial<ErrorBody> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([`%PDF-1.4\n% ${content}\n%%EOF\n`], { type: 'application/pdf' }), 'note.pdf');
  const response = await fetch(`${baseUrl()}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as { data?: { id: string } } };
}

describe('files and assets', () => {
  const secret = `Entebbe private receipt ${Date.now()}`;
  let entebbeFile: string;

  beforeAll(async () => {
    const uploaded = await upload(await as('entebbeOwner'), secret, { title: 'Entebbe receipt' });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    entebbeFile = uploaded.body.data?.id ?? '';
    const row = (await db()('directus_files').where({ id: entebbeFile }).first()) as Row;
    expect(row['shop']).toBe(shops.entebbe);
  });

  it.each(['kampalaStaff', 'kampalaOwner'] as const)(
    'keeps an Entebbe file invisible to %s',
    async (account) => {
      // Setup
      const session = await as(account);
      // Action
      const list = await session.call<{ id: string }[]>('GET', '/files?fields=id&limit=-1');
      const filtered = await session.call<unknown[]>(
        'GET',
        `/files?filter=${encodeURIComponent(JSON.stringify({ id: { _eq: entebbeFile } }))}`,
      );
      const one = await session.request('GET', `/files/${entebbeFile}`);
      const asset = await session.request('GET', `/assets/${entebbeFile}`);
      const download = await session.request('GET', `/assets/${entebbeFile}?download`);
      // Assert
      expect(list.map((f) => f.id)).not.toContain(entebbeFile);
      const kampalaFiles = (await db()('directus_files').where({ shop: shops.kampala }).select('id')) as {
        id: string;
      }[];
      expect(list.map((f) => f.id).sort()).toEqual(kampalaFiles.map((f) => f.id).sort());
      expect(filtered).toEqual([]);
      expect(one.status).toBe(403);
      for (const response of [asset, download]) {
        expect([403, 404]).toContain(response.status);
        expect(JSON.stringify(response.body)).not.toContain(secret);
      }
    },
  );

  it('refuses a Kampala owner changing or deleting an Entebbe file', async () => {
    const owner = await as('kampalaOwner');
    const before = (await db()('directus_files').where({ id: entebbeFile }).first()) as Row;
    const patched = await owner.request('PATCH', `/files/${entebbeFile}`, { title: 'Taken over' });
    const deleted = await owner.request('DELETE', `/files/${entebbeFile}`);
    expect([patched.status, deleted.status]).toEqual([403, 403]);
    expect(await db()('directus_files').where({ id: entebbeFile }).first()).toEqual(before);
  });

  it('puts a file uploaded by the Kampala owner in Kampala', async () => {
    const owner = await as('kampalaOwner');
    const uploaded = await upload(owner, 'Kampala logo');
    expect(uploaded.status).toBe(200);
    const row = (await db()('directus_files').where({ id: uploaded.body.data?.id }).first()) as Row;
    expect(row['shop']).toBe(shops.kampala);
    expect(row['uploaded_by']).toBe(await myId(owner));
  });

  it('refuses an upload that names the Entebbe shop, and stores nothing', async () => {
    const owner = await as('kampalaOwner');
    const title = `Planted ${Date.now()}`;
    const uploaded = await upload(owner, 'planted', { shop: String(shops.entebbe), title });
    expect(uploaded.status).toBeGreaterThanOrEqual(400);
    expect(uploaded.status).toBeLessThan(500);
    expect(await db()('directus_files').where({ title }).first()).toBeUndefined();
  });

  it('refuses moving a Kampala file to Entebbe (guard on files.update)', async () => {
    const owner = await as('kampalaOwner');
    const uploaded = await upload(owner, 'to move');
    const id = uploaded.body.data?.id ?? '';
    const response = await owner.request('PATCH', `/files/${id}`, { shop: shops.entebbe });
    expect(response.status).toBe(403);
    expect(codeOf(response.body)).toBe('SHOP_FIELD_FORBIDDEN');
    expect(((await db()('directus_files').where({ id }).first()) as Row)['shop']).toBe(shops.kampala);
  });
});

describe('users', () => {
  let entebbeStaff: Row;
  let adminRole: string;

  beforeAll(async () => {
    entebbeStaff = await userByEmail('staff@entebbe.example.com');
    adminRole = String((await userByEmail('admin@example.com'))['role']);
  });

  it('shows Kampala staff only itself', async () => {
    const staff = await as('kampalaStaff');
    const users = await staff.call<{ id: string }[]>('GET', '/users?fields=id&limit=-1');
    expect(users).toEqual([{ id: await myId(staff) }]);
  });

  it('shows the Kampala owner the Kampala users only', async () => {
    const owner = await as('kampalaOwner');
    const users = await owner.call<{ id: string; shop: number }[]>('GET', '/users?fields=id,shop&limit=-1');
    const kampala = (await db()('directus_users').where({ shop: shops.kampala }).select('id')) as {
      id: string;
    }[];
    expect(users.map((u) => u.id).sort()).toEqual(kampala.map((u) => u.id).sort());
  });

  it.each(['kampalaStaff', 'kampalaOwner'] as const)(
    'refuses %s reading an Entebbe user',
    async (account) => {
      const session = await as(account);
      const response = await session.request('GET', `/users/${String(entebbeStaff['id'])}`);
      expect(response.status).toBe(403);
      expect(JSON.stringify(response.body)).not.toContain(String(entebbeStaff['email']));
    },
  );

  it('refuses the Kampala owner changing or deleting an Entebbe user', async () => {
    const owner = await as('kampalaOwner');
    const id = String(entebbeStaff['id']);
    const responses = [
      await owner.request('PATCH', `/users/${id}`, { last_name: 'Taken over' }),
      await owner.request('PATCH', '/users', { keys: [id], data: { status: 'suspended' } }),
      await owner.request('DELETE', `/users/${id}`),
    ];
    expect(responses.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(await userByEmail('staff@entebbe.example.com')).toEqual(entebbeStaff);
  });

  it('refuses creating a user in Entebbe', async () => {
    const owner = await as('kampalaOwner');
    const email = `planted-${Date.now()}@entebbe.example.com`;
    const response = await owner.request('POST', '/users', {
      email,
      password: 'a-good-password-1',
      role: ROLE_IDS.Staff,
      shop: shops.entebbe,
    });
    expect(response.status).toBe(403);
    expect(codeOf(response.body)).toBe('SHOP_FIELD_FORBIDDEN');
    expect(await db()('directus_users').where({ email }).first()).toBeUndefined();
  });

  it('refuses creating an administrator, or giving one of its staff the Administrator role', async () => {
    const owner = await as('kampalaOwner');
    const staffRow = await userByEmail('staff@kampala.example.com');
    const email = `root-${Date.now()}@kampala.example.com`;
    const created = await owner.request('POST', '/users', {
      email,
      password: 'a-good-password-1',
      role: adminRole,
    });
    const promoted = await owner.request('PATCH', `/users/${String(staffRow['id'])}`, { role: adminRole });
    expect([created.status, promoted.status]).toEqual([403, 403]);
    expect([codeOf(created.body), codeOf(promoted.body)]).toEqual([
      'USER_CHANGE_FORBIDDEN',
      'USER_CHANGE_FORBIDDEN',
    ]);
    expect(await db()('directus_users').where({ email }).first()).toBeUndefined();
    expect((await userByEmail('staff@kampala.example.com'))['role']).toBe(staffRow['role']);
  });

  it('refuses an account changing its own role or status', async () => {
    const owner = await as('kampalaOwner');
    const staff = await as('kampalaStaff');
    const ownerId = await myId(owner);
    const attempts = [
      await owner.request('PATCH', `/users/${ownerId}`, { role: ROLE_IDS.Staff }),
      await owner.request('PATCH', `/users/${ownerId}`, { status: 'suspended' }),
      await staff.request('PATCH', '/users/me', { role: ROLE_IDS.Owner }),
      await staff.request('PATCH', '/users/me', { status: 'active' }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(attempts.map((r) => codeOf(r.body))).toEqual(Array(4).fill('USER_CHANGE_FORBIDDEN'));
    const ownerRow = (await db()('directus_users').where({ id: ownerId }).first()) as Row;
    expect([ownerRow['role'], ownerRow['status']]).toEqual([ROLE_IDS.Owner, 'active']);
    expect((await userByEmail('staff@kampala.example.com'))['role']).toBe(ROLE_IDS.Staff);
  });
});

describe('activity, revisions and comments', () => {
  let entebbeOwnerId: string;
  let entebbeCustomer: number;
  let entebbeRevision: number;

  beforeAll(async () => {
    // Setup: the Entebbe owner edits one of its customers, which records activity and a revision.
    const entebbeOwner = await as('entebbeOwner');
    entebbeOwnerId = await myId(entebbeOwner);
    entebbeCustomer = (
      (await db()('customers').where({ shop_id: shops.entebbe }).orderBy('id').first('id')) as {
        id: number;
      }
    ).id;
    await entebbeOwner.call('PATCH', `/items/customers/${entebbeCustomer}`, { notes: 'VIP, pays in cash' });
    const revision = (await db()('directus_revisions')
      .where({ collection: 'customers', item: String(entebbeCustomer) })
      .orderBy('id', 'desc')
      .first('id')) as { id: number };
    entebbeRevision = revision.id;
  });

  it.each(['kampalaStaff', 'kampalaOwner'] as const)(
    'refuses %s any revision (REVISIONS_FORBIDDEN)',
    async (account) => {
      const session = await as(account);
      for (const path of [
        '/revisions',
        `/revisions/${entebbeRevision}`,
        '/revisions?fields=data,delta&limit=-1',
      ]) {
        const response = await session.request('GET', path);
        expect(response.status, path).toBe(403);
        expect(codeOf(response.body), path).toBe('REVISIONS_FORBIDDEN');
      }
    },
  );

  it('refuses the Kampala owner reverting an Entebbe revision, and changes nothing', async () => {
    const owner = await as('kampalaOwner');
    const before = (await db()('customers').where({ id: entebbeCustomer }).first()) as Row | undefined;
    const response = await owner.request('POST', `/utils/revert/${entebbeRevision}`);
    expect(response.status).toBe(403);
    expect(await db()('customers').where({ id: entebbeCustomer }).first()).toEqual(before);
  });

  it('shows the Kampala owner its own activity only', async () => {
    const owner = await as('kampalaOwner');
    const ownerId = await myId(owner);
    const activity = await owner.call<{ user: string }[]>('GET', '/activity?fields=user&limit=-1');
    const entebbe = await owner.call<unknown[]>(
      'GET',
      `/activity?filter=${encodeURIComponent(JSON.stringify({ user: { _eq: entebbeOwnerId } }))}`,
    );
    expect(activity.length).toBeGreaterThan(0);
    expect(new Set(activity.map((a) => a.user))).toEqual(new Set([ownerId]));
    expect(entebbe).toEqual([]);
  });

  it('refuses Kampala staff the activity log', async () => {
    const staff = await as('kampalaStaff');
    expect((await staff.request('GET', '/activity')).status).toBe(403);
  });

  it('refuses a comment on an Entebbe row', async () => {
    const owner = await as('kampalaOwner');
    const comment = `Kampala was here ${freshPhone()}`;
    const response = await owner.request('POST', '/comments', {
      collection: 'customers',
      item: String(entebbeCustomer),
      comment,
    });
    expect(response.status).toBe(403);
    expect(await db()('directus_comments').where({ comment }).first()).toBeUndefined();
  });
});

describe('settings', () => {
  it('gives the Kampala owner every project setting except the secret ones', async () => {
    // Setup: what the admin sees
    const admin = await as('admin');
    const all = await admin.call<Row>('GET', '/settings');
    const secretKeys = Object.keys(all).filter((key) => SECRET_KEY.test(key));
    expect(secretKeys).toContain('mapbox_key');
    // Action
    const owner = await as('kampalaOwner');
    const seen = await owner.call<Row>('GET', '/settings');
    // Assert
    expect(Object.keys(seen).filter((key) => SECRET_KEY.test(key))).toEqual([]);
    expect(Object.keys(seen).sort()).toEqual(
      Object.keys(all)
        .filter((key) => !SECRET_KEY.test(key))
        .sort(),
    );
  });

  it('refuses Kampala staff the project settings', async () => {
    const staff = await as('kampalaStaff');
    expect((await staff.request('GET', '/settings')).status).toBe(403);
  });
});
