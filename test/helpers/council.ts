/** A council's contact details for tests that build the casework layer or card messages directly. */
export const TEST_COUNCIL = {
  name: 'Exampleshire Council',
  sendEmail: 'send.team@example.org',
  contactUrl: 'https://www.example.org/contact-us',
  frontDoorPhone: '01632 960000',
  sendiasEmail: 'sendias@example.org',
  sendiasPhone: '01632 960001',
} as const;
