import type { membersErrorsZhCN, membersZhCN } from './members-zh-CN';

/** Members screen wording in English; the same keys as members-zh-CN.ts. */
export const membersEn: typeof membersZhCN = {
  nav: 'Members',
  lookup: {
    title: 'Find a member',
    placeholder: 'Member phone',
    find: 'Find',
    hint: 'Type a phone number, or scan a member QR or phone',
    notFound: 'No member has this phone number',
    enrolHint: 'You can enrol the customer, offline too; it syncs when the network is back.',
    name: 'Name (optional)',
    enrol: 'Enrol member',
  },
  card: {
    level: 'Level',
    points: 'Points',
    visits: 'Visits',
    vouchers: 'Vouchers',
    vouchersHint: 'Usable vouchers as the server counted them at the last sync',
    enrolledHere: 'Enrolled here, not synced yet',
    close: 'Close',
    notGiven: 'Not given',
  },
  gender: { female: 'Female', male: 'Male', unknown: 'Not given' },
  edit: {
    title: 'Member details',
    open: 'Edit details',
    name: 'Name',
    gender: 'Gender',
    birthday: 'Birthday',
    note: 'Note',
    level: 'Level',
    save: 'Save changes',
    cancel: 'Cancel',
    pending: '{count} change(s) waiting to sync',
    rule: 'When a member is edited on several terminals at once, the edit that reaches the server last wins; the value it replaced is shown here.',
    empty: '(empty)',
  },
  conflicts: {
    title: 'Edit conflicts',
    field: '"{field}" was also changed elsewhere: your edit replaced the value {value}',
    rejected: 'The server did not accept this edit: {reason}',
    dismiss: 'Got it',
  },
  history: {
    title: 'Recent purchases (this terminal)',
    empty: 'No purchases of this member on this terminal',
    earned: '+{count} points',
    spent: '{count} points spent',
    pending: 'Not synced',
  },
  sync: {
    title: 'Member sync',
    run: 'Sync members',
    managerOnly: 'For managers; a cashier needs a manager PIN',
    running: 'Syncing…',
    downloading: 'Downloading {count} / {max}',
    done: 'Sync complete',
    requested: 'Another window was asked to sync',
    failed: 'Sync failed: {reason}',
    last: 'Last sync {time}',
    never: 'Not synced yet',
    here: 'Members on this terminal: {count}',
  },
};

export const membersErrorsEn: typeof membersErrorsZhCN = {
  MEMBER_FIELD_INVALID: 'Member details are not valid: the birthday must be a real date and the level cannot be empty',
  MEMBER_UNCHANGED: 'Nothing was changed',
};
