import './styles.css';
import './app/TerezeApp.js';
