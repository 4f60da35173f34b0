import { Create, SimpleForm } from 'react-admin';
import { ProductInputs } from './ProductInputs.tsx';

export default function ProductCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ProductInputs />
      </SimpleForm>
    </Create>
  );
}
