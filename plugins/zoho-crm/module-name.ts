/** What a Zoho CRM module API name looks like (Deals, Contacts, a custom Invoices__c...). */
export const MODULE = /^[A-Za-z][A-Za-z0-9_]*$/;
export const MODULE_MESSAGE = 'module must be a Zoho CRM module API name, e.g. Deals or Contacts';
