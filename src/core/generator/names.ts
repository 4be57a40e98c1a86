/** Word lists for people, servers and processes: small and fixed, so output depends on the seed only. */

export const FIRST_NAMES = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy', 'Matthew', 'Lisa',
  'Anthony', 'Betty', 'Mark', 'Margaret', 'Paul', 'Sandra', 'Steven', 'Ashley', 'Andrew', 'Kimberly', 'Kenneth', 'Emily',
  'Joshua', 'Donna', 'Kevin', 'Michelle', 'Brian', 'Carol', 'George', 'Amanda', 'Timothy', 'Melissa', 'Ronald', 'Deborah',
  'Yuki', 'Hiroshi', 'Aiko', 'Kenji', 'Sofia', 'Mateo', 'Lucia', 'Hugo', 'Amelie', 'Lukas', 'Ingrid', 'Lars', 'Priya', 'Arjun',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
  'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
  'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell',
  'Mitchell', 'Carter', 'Roberts', 'Tanaka', 'Suzuki', 'Sato', 'Muller', 'Schmidt', 'Dubois', 'Rossi', 'Larsen', 'Patel',
];

/** Server roles: name prefix and the service account that runs its scheduled or service work. */
export const SERVER_ROLES = [
  { prefix: 'FS', role: 'file', service: null },
  { prefix: 'SQL', role: 'sql', service: 'svc_sql' },
  { prefix: 'WEB', role: 'web', service: 'svc_web' },
  { prefix: 'APP', role: 'app', service: 'svc_app' },
  { prefix: 'BKP', role: 'backup', service: 'svc_backup' },
  { prefix: 'PRN', role: 'print', service: null },
  { prefix: 'MON', role: 'monitoring', service: 'svc_monitor' },
] as const;
export type ServerRole = (typeof SERVER_ROLES)[number]['role'];

/** Processes users start on their workstations (4688). */
export const USER_PROCESSES = [
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', args: '' },
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', args: ' /dde' },
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', args: ' /n' },
  { image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', args: ' --no-startup-window' },
  { image: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', args: '' },
  { image: 'C:\\Windows\\System32\\notepad.exe', args: '' },
  { image: 'C:\\Windows\\System32\\mstsc.exe', args: '' },
  { image: 'C:\\Users\\Public\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe', args: ' --processStart "Teams.exe"' },
] as const;

export const ADMIN_PROCESSES = [
  { image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', args: ' -NoProfile' },
  { image: 'C:\\Windows\\System32\\mmc.exe', args: ' C:\\Windows\\System32\\dsa.msc' },
  { image: 'C:\\Windows\\System32\\cmd.exe', args: '' },
] as const;
