import { CounterSettings } from '../../../core/sale/counter-settings';
import { NewTerminalUser, TerminalPinChange, TerminalRoleChange } from '../../counter/terminal-user-admin';
import { ManagerPinInput, StorePolicyInput } from '../../sync/policy/policy-admin';
import { ChangeRoleRequest } from '../../use-cases/backoffice/change-user';
import { ChannelParams, CreateChannelRequest, RotateChannelRequest } from '../../use-cases/backoffice/channel-secrets';
import { CreateUserRequest } from '../../use-cases/backoffice/create-user';
import { ChangeOwnPasswordRequest, ResetPasswordRequest } from '../../use-cases/backoffice/set-password';
import { SetStoresRequest } from '../../use-cases/backoffice/setup/manager-store-assignment';
import { CreateStoreRequest, PageQuery, StoreParams, TerminalParams, UpdateStoreRequest } from '../../use-cases/backoffice/setup/store-spec';
import { TerminalName } from '../../use-cases/backoffice/setup/terminal-writes';
import { MERCHANT_ROLES } from '../merchant-roles';
import { AuditQuery } from '../routes/audit-routes';
import { CatalogImport } from '../routes/catalog-routes';
import { LoginRequest } from '../routes/merchant-auth-routes';
import { UserParams } from '../routes/merchant-user-routes';
import { StoreListQuery } from '../routes/store-routes';
import { ManagerParams, StoreParams as PolicyStoreParams } from '../routes/sync-policy-routes';
import { StoreParams as StaffStoreParams, UserParams as StaffUserParams } from '../routes/terminal-user-routes';
import { EXAMPLE_ID, EXAMPLE_ID_2, type RouteSpec } from './route-spec';

const m = 'merchant';
const { setup, operate, anyone } = MERCHANT_ROLES;
const user = { id: EXAMPLE_ID };
const store = { storeId: EXAMPLE_ID };
const terminal = { terminalId: EXAMPLE_ID };
const staffUser = { id: 'tu-1' };

/** Sign-in, back-office users, stores, tills, counter staff, offline policy, catalog, channel secrets, audit. */
export const MERCHANT_SETUP_ROUTES: RouteSpec[] = [
  {
    method: 'post', path: '/merchant/login', tag: m, summary: 'Sign in to the back office', auth: 'none', body: LoginRequest,
    success: { status: 200, description: 'A bearer token, its expiry, the user and merchant' }, errors: ['LOGIN_FAILED', 'RATE_LIMITED'],
    example: { body: { merchant: 'demo', login: 'owner@example.com', password: 'correct horse battery' } },
  },
  { method: 'post', path: '/merchant/logout', tag: m, summary: 'End this session', auth: 'merchant', roles: anyone, success: { status: 200, description: 'Signed out' }, errors: [] },
  { method: 'get', path: '/merchant/me', tag: m, summary: 'The signed-in user and merchant', auth: 'merchant', roles: anyone, success: { status: 200, description: 'The session' }, errors: [] },
  {
    method: 'post', path: '/merchant/me/password', tag: m, summary: 'Change one\'s own password', auth: 'merchant', roles: anyone, body: ChangeOwnPasswordRequest,
    success: { status: 200, description: 'Changed; other sessions end' }, errors: ['LOGIN_FAILED'],
    example: { body: { currentPassword: 'correct horse battery', newPassword: 'another long passphrase' } },
  },
  {
    method: 'get', path: '/merchant/users', tag: m, summary: 'Back-office users, a page at a time', auth: 'merchant', roles: operate, query: PageQuery,
    success: { status: 200, description: 'Users and the next cursor' }, errors: ['CURSOR_INVALID'], example: { query: { limit: '20' } },
  },
  {
    method: 'get', path: '/merchant/users/:id', tag: m, summary: 'One back-office user', auth: 'merchant', roles: operate, params: UserParams,
    success: { status: 200, description: 'The user' }, errors: ['USER_NOT_FOUND'], example: { params: user },
  },
  {
    method: 'post', path: '/merchant/users', tag: m, summary: 'Create a back-office user', auth: 'merchant', roles: setup, body: CreateUserRequest,
    success: { status: 200, description: 'The new user' }, errors: ['LOGIN_TAKEN', 'STORE_NOT_FOUND'],
    example: { body: { login: 'manager@example.com', name: '李店长', role: 'manager', password: 'a long passphrase', storeIds: [EXAMPLE_ID] } },
  },
  {
    method: 'post', path: '/merchant/users/:id/role', tag: m, summary: 'Change a user\'s role', auth: 'merchant', roles: setup, params: UserParams, body: ChangeRoleRequest,
    success: { status: 200, description: 'The user' }, errors: ['USER_NOT_FOUND', 'LAST_OWNER'], example: { params: user, body: { role: 'finance' } },
  },
  ...(['disable', 'enable'] as const).map((action): RouteSpec => ({
    method: 'post', path: `/merchant/users/:id/${action}`, tag: m, summary: `${action === 'disable' ? 'Disable' : 'Enable'} a back-office user`, auth: 'merchant', roles: setup,
    params: UserParams, success: { status: 200, description: 'The user' }, errors: ['USER_NOT_FOUND', 'LAST_OWNER'], example: { params: user },
  })),
  {
    method: 'put', path: '/merchant/users/:id/stores', tag: m, summary: 'The stores a manager runs', auth: 'merchant', roles: setup, params: UserParams, body: SetStoresRequest,
    success: { status: 200, description: 'The user' }, errors: ['USER_NOT_FOUND', 'STORE_NOT_FOUND', 'NOT_A_MANAGER'],
    example: { params: user, body: { storeIds: [EXAMPLE_ID_2] } },
  },
  {
    method: 'post', path: '/merchant/users/:id/password', tag: m, summary: 'Set another user\'s password', auth: 'merchant', roles: setup, params: UserParams, body: ResetPasswordRequest,
    success: { status: 200, description: 'Set; the user\'s sessions end' }, errors: ['USER_NOT_FOUND'], example: { params: user, body: { password: 'a new long passphrase' } },
  },
  {
    method: 'get', path: '/merchant/stores', tag: m, summary: 'Stores (a manager sees theirs)', auth: 'merchant', roles: anyone, query: StoreListQuery,
    success: { status: 200, description: 'Stores and the next cursor' }, errors: ['CURSOR_INVALID'], example: { query: { active: 'true' } },
  },
  {
    method: 'post', path: '/merchant/stores', tag: m, summary: 'Open a store', auth: 'merchant', roles: setup, body: CreateStoreRequest,
    success: { status: 200, description: 'The store' }, errors: [], example: { body: { name: '国贸店', address: '北京市朝阳区建国门外大街1号', timeZone: 'Asia/Shanghai' } },
  },
  {
    method: 'get', path: '/merchant/stores/:storeId', tag: m, summary: 'One store', auth: 'merchant', roles: anyone, params: StoreParams,
    success: { status: 200, description: 'The store' }, errors: ['STORE_NOT_FOUND'], example: { params: store },
  },
  {
    method: 'patch', path: '/merchant/stores/:storeId', tag: m, summary: 'Change a store', auth: 'merchant', roles: setup, params: StoreParams, body: UpdateStoreRequest,
    success: { status: 200, description: 'The store' }, errors: ['STORE_NOT_FOUND', 'STORE_HAS_REDEMPTIONS'], example: { params: store, body: { name: '国贸旗舰店' } },
  },
  {
    method: 'get', path: '/merchant/stores/:storeId/terminals', tag: m, summary: 'A store\'s tills', auth: 'merchant', roles: operate, params: StoreParams, query: PageQuery,
    success: { status: 200, description: 'Tills, with last contact and sync, and the next cursor' }, errors: ['STORE_NOT_FOUND', 'CURSOR_INVALID'],
    example: { params: store, query: { limit: '50' } },
  },
  {
    method: 'post', path: '/merchant/stores/:storeId/terminals', tag: m, summary: 'Add a till', auth: 'merchant', roles: operate, params: StoreParams, body: TerminalName,
    success: { status: 200, description: 'The till' }, errors: ['STORE_NOT_FOUND', 'STORE_INACTIVE'], example: { params: store, body: { name: '收银台 1' } },
  },
  {
    method: 'get', path: '/merchant/terminals/:terminalId', tag: m, summary: 'One till', auth: 'merchant', roles: operate, params: TerminalParams,
    success: { status: 200, description: 'The till' }, errors: ['TERMINAL_NOT_FOUND'], example: { params: terminal },
  },
  {
    method: 'patch', path: '/merchant/terminals/:terminalId', tag: m, summary: 'Rename a till', auth: 'merchant', roles: operate, params: TerminalParams, body: TerminalName,
    success: { status: 200, description: 'The till' }, errors: ['TERMINAL_NOT_FOUND'], example: { params: terminal, body: { name: '收银台 2' } },
  },
  ...(['disable', 'enable', 'revoke', 'pairing-code'] as const).map((action): RouteSpec => ({
    method: 'post', path: `/merchant/terminals/:terminalId/${action}`, tag: m,
    summary: action === 'pairing-code' ? 'Mint a till\'s pairing code (15 minutes)' : `${action[0]!.toUpperCase()}${action.slice(1)} a till`,
    auth: 'merchant', roles: operate, params: TerminalParams, success: { status: 200, description: action === 'pairing-code' ? 'The code, its QR payload and expiry' : 'The till' },
    errors: ['TERMINAL_NOT_FOUND', 'STORE_INACTIVE'], example: { params: terminal },
  })),
  {
    method: 'get', path: '/merchant/stores/:storeId/terminal-users', tag: m, summary: 'A store\'s cashiers and managers', auth: 'merchant', roles: operate,
    params: StaffStoreParams, success: { status: 200, description: 'Counter staff' }, errors: ['STORE_NOT_FOUND'], example: { params: store },
  },
  {
    method: 'post', path: '/merchant/stores/:storeId/terminal-users', tag: m, summary: 'Add a cashier or manager with a PIN', auth: 'merchant', roles: operate,
    params: StaffStoreParams, body: NewTerminalUser, success: { status: 200, description: 'The counter user' }, errors: ['STORE_NOT_FOUND', 'PIN_FORMAT_INVALID', 'PIN_TAKEN'],
    example: { params: store, body: { name: '小王', role: 'cashier', pin: '2468' } },
  },
  {
    method: 'post', path: '/merchant/terminal-users/:id/pin', tag: m, summary: 'Set a counter user\'s PIN', auth: 'merchant', roles: operate, params: StaffUserParams,
    body: TerminalPinChange, success: { status: 200, description: 'The counter user' }, errors: ['USER_NOT_FOUND', 'PIN_FORMAT_INVALID', 'PIN_TAKEN'],
    example: { params: staffUser, body: { pin: '1357' } },
  },
  {
    method: 'post', path: '/merchant/terminal-users/:id/role', tag: m, summary: 'Change a counter user\'s role', auth: 'merchant', roles: operate, params: StaffUserParams,
    body: TerminalRoleChange, success: { status: 200, description: 'The counter user' }, errors: ['USER_NOT_FOUND'], example: { params: staffUser, body: { role: 'manager' } },
  },
  ...(['disable', 'enable'] as const).map((action): RouteSpec => ({
    method: 'post', path: `/merchant/terminal-users/:id/${action}`, tag: m, summary: `${action === 'disable' ? 'Disable' : 'Enable'} a counter user`, auth: 'merchant',
    roles: operate, params: StaffUserParams, success: { status: 200, description: 'The counter user' }, errors: ['USER_NOT_FOUND', 'PIN_TAKEN'], example: { params: staffUser },
  })),
  {
    method: 'get', path: '/merchant/stores/:storeId/offline-policy', tag: m, summary: 'A store\'s offline redemption policy', auth: 'merchant', roles: operate,
    params: PolicyStoreParams, success: { status: 200, description: 'The policy and its managers' }, errors: ['STORE_NOT_FOUND'], example: { params: store },
  },
  {
    method: 'put', path: '/merchant/stores/:storeId/offline-policy', tag: m, summary: 'Set a store\'s offline redemption policy', auth: 'merchant', roles: setup,
    params: PolicyStoreParams, body: StorePolicyInput, success: { status: 200, description: 'The policy' }, errors: ['STORE_NOT_FOUND'],
    example: {
      params: store,
      body: {
        provisionalEnabled: true, maxCountPerTerminal: 50, maxValueFenPerTerminal: 500000, maxOfflineHours: 24, managerPinAboveFen: 20000,
        reverseWindowMinutes: 30, leaseMultiStore: false, leaseHours: 72,
      },
    },
  },
  {
    method: 'put', path: '/merchant/stores/:storeId/managers/:userId', tag: m, summary: 'Let a manager approve offline at a store (with a PIN)', auth: 'merchant', roles: setup,
    params: ManagerParams, body: ManagerPinInput, success: { status: 200, description: 'The manager' }, errors: ['STORE_NOT_FOUND', 'USER_NOT_FOUND', 'NOT_A_MANAGER'],
    example: { params: { storeId: EXAMPLE_ID, userId: EXAMPLE_ID_2 }, body: { pin: '864209' } },
  },
  {
    method: 'delete', path: '/merchant/stores/:storeId/managers/:userId', tag: m, summary: 'Stop a manager approving offline at a store', auth: 'merchant', roles: setup,
    params: ManagerParams, success: { status: 200, description: 'Removed' }, errors: ['STORE_NOT_FOUND', 'USER_NOT_FOUND'],
    example: { params: { storeId: EXAMPLE_ID, userId: EXAMPLE_ID_2 } },
  },
  {
    method: 'put', path: '/merchant/catalog', tag: m, summary: 'Replace the counter catalog (categories and items)', auth: 'merchant', roles: setup, body: CatalogImport,
    success: { status: 200, description: '`{ categories, items }`: how many were saved' }, errors: [],
    example: {
      body: {
        categories: [{ id: 'drinks', name: '饮品', sort: 1 }],
        items: [{ id: 'latte', categoryId: 'drinks', name: '拿铁', barcode: '6901234567892', priceFen: 2800 }],
      },
    },
  },
  {
    method: 'get', path: '/merchant/counter-settings', tag: m, summary: 'Counter settings', auth: 'merchant', roles: operate,
    success: { status: 200, description: 'The settings' }, errors: [],
  },
  {
    method: 'put', path: '/merchant/counter-settings', tag: m, summary: 'Set the counter settings', auth: 'merchant', roles: setup, body: CounterSettings,
    success: { status: 200, description: 'The settings' }, errors: [],
    example: {
      body: {
        discount: { managerPinAboveFen: 5000 }, points: { earnFenPerPoint: 100, redeemFenPerPoint: 1 }, restoreVoucherOnRefund: true,
        pinMaxFailures: 5, pinLockMinutes: 15, sharedCounterUser: false,
      },
    },
  },
  { method: 'get', path: '/merchant/channels', tag: m, summary: 'Channel webhook secrets (never the secrets themselves)', auth: 'merchant', roles: setup, success: { status: 200, description: 'Channels' }, errors: [] },
  {
    method: 'post', path: '/merchant/channels', tag: m, summary: 'Create a channel\'s webhook secret (shown once)', auth: 'merchant', roles: setup, body: CreateChannelRequest,
    success: { status: 200, description: 'The secret' }, errors: ['CHANNEL_EXISTS'], example: { body: { channel: 'douyin' } },
  },
  {
    method: 'post', path: '/merchant/channels/:channel/rotate', tag: m, summary: 'Rotate a channel\'s secret; the old one signs for a grace period', auth: 'merchant', roles: setup,
    params: ChannelParams, body: RotateChannelRequest, success: { status: 200, description: 'The new secret' }, errors: [],
    example: { params: { channel: 'douyin' }, body: { graceMinutes: 60 } },
  },
  {
    method: 'get', path: '/merchant/audit', tag: m, summary: 'The audit log, newest first', auth: 'merchant', roles: setup, query: AuditQuery,
    success: { status: 200, description: 'Entries and the next cursor' }, errors: ['CURSOR_INVALID'],
    example: { query: { action: 'voucher.void', from: '2026-12-01T00:00:00+08:00' } },
  },
  {
    method: 'get', path: '/merchant/security-alerts', tag: m, summary: 'Lockouts and slowed-down sign-ins, newest first', auth: 'merchant', roles: setup, query: PageQuery,
    success: { status: 200, description: 'Alerts and the next cursor' }, errors: ['CURSOR_INVALID'],
    example: { query: { limit: '50' } },
  },
];
