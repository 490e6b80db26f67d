/**
 * The device lights in English, by device and machine reason (`any` holds the
 * reasons every device shares). Main reports each light as a Chinese sentence
 * with its `reason` and the sentence's variable parts in `params`; Chinese
 * mode shows main's sentence, so this namespace exists in English only. A
 * reason not listed here shows main's sentence (deviceMessage.ts).
 */
// One printer driver behind both printer lights: they speak alike.
const printer = {
  preview: 'Screen preview (no printer connected)',
  ready: 'Ready',
  paper_near_end: 'Paper running low',
  paper_out: 'Out of paper: load paper',
  cover_open: 'Paper cover open',
  printer_error: 'Printer fault (cutter or print head)',
  offline: 'Printer offline',
  bad_uri: 'The printer address is wrong',
  unreachable: 'Cannot reach the printer',
  timeout: 'The printer does not answer',
  disconnected: 'Connection to the printer lost',
  not_found: 'Printer not connected',
  permission: 'No permission to use the printer',
}

export const deviceReasons = {
  any: {
    not_configured: 'Not configured',
    disabled: 'Turned off in the configuration',
    socat_missing: 'Emulator cannot start: socat is not installed (apt-get install socat)',
    emulator_failed: 'Emulator could not start (see the log)',
  },
  idcard: {
    emulator: 'Emulated ID card reader ready',
    ready: 'ID card reader ready',
    not_started: 'Not started',
    stopped: 'Stopped',
    connecting: 'Connecting to the ID card reader',
    reading: 'Reading the card',
    read_failed: 'Read failed: hold the card still and place it again',
    bad_card_data: 'The card’s data cannot be read: place it again or type the details in',
    unplugged: 'ID card reader not connected, waiting for it',
    no_reader: 'No ID card reader found on the serial ports',
    no_answer: 'The ID card reader does not answer',
    not_a_reader: 'The device on the serial port did not pass the reader’s SAM check',
    open_failed: 'Cannot open the reader’s serial port',
    sam_failed: 'The reader’s security module (SAM) is unavailable',
    internal: 'Reader driver error (see the log)',
  },
  scanner: {
    wedge: 'Keyboard-mode scanner (scans straight in; its connection cannot be checked)',
    stopped: 'Scanner stopped',
    not_found: 'No serial scanner found: set its port in the configuration',
    unplugged: 'Scanner not connected, retrying',
    open_failed: 'Cannot open the scanner’s port',
    connected: 'Scanner connected',
    scan_too_long: 'A scan ran too long without its suffix and was dropped: check the scanner’s baud rate and suffix',
    suffix_missing: 'Scan data arrived without its suffix: check the scanner’s settings',
  },
  camera: {
    ready_one: '{{count}} camera available',
    ready_other: '{{count}} cameras available',
    none_found: 'No camera found',
    open_failed: 'The camera cannot be opened',
  },
  receiptPrinter: printer,
  labelPrinter: printer,
  network: {
    standalone: 'Standalone: local queue',
    hall_connecting: 'Hall: connecting…',
    hall_ok: 'Hall connected · {{backlog}} to sync · last sync {{lastSync}}',
    hall_offline: 'Hall unreachable: this station keeps working, {{backlog}} to sync (last sync {{lastSync}})',
    hall_stopped: 'Hall sync stopped: {{reason}} ({{backlog}} to sync)',
  },
  database: {
    opened: 'Open; integrity check not started yet',
    checking: 'Checking database integrity in the background (work goes on)',
    checked: 'Database integrity check passed',
    integrity_failed: 'Database damaged: writing stopped, restore from a backup',
    check_failed: 'The database integrity check did not finish (see the log)',
  },
  calendar: {
    loaded: 'Holiday arrangements {{first}}–{{last}} loaded',
    next_year_missing: 'The {{year}} holiday arrangement is not imported: deadlines of new cases count weekends only for now',
    this_year_missing: 'The {{year}} holiday arrangement is not imported: deadlines count weekends only for now; import it soon',
    check_failed: 'Holiday calendar check failed (see the log)',
  },
}

