import { render } from 'preact';
import { localizeDocument } from '@/utils/i18n';
import { App } from './app';
import { readParams } from './popup-data';
import { prefetchFirstPage } from './use-history';

// Opened on the history: its first page is read now (the kept copy, or else the worker is asked),
// while the popup renders.
if (readParams(location.search).view === 'history') prefetchFirstPage();
localizeDocument();
const root = document.getElementById('app');
if (root) render(<App />, root);
