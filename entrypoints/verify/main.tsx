import { render } from 'preact';
import '@/components/evidence/evidence.css';
import { App } from './app';

const root = document.getElementById('app');
if (root) render(<App />, root);
